using Microsoft.DurableTask;

namespace Workflow.Orchestration;

/// <summary>
/// What the orchestration asks of the world. Each is safe to repeat: reading changes nothing, and asking an official or
/// firing a timer is a command on the record that does nothing the second time.
/// </summary>
public interface ILifecycleActivities
{
    Task<ProcessView> ReadAgreementAsync(LifecycleInput input, CancellationToken ct);
    Task<ProcessView> AskOfficialAsync(AskOfficialInput input, CancellationToken ct);
    Task<ProcessView> FireTimerAsync(FireTimerInput input, CancellationToken ct);
}

public static class LifecycleActivities
{
    public const string ReadAgreement = "ReadAgreement";
    public const string AskOfficial = "AskOfficial";
    public const string FireTimer = "FireTimer";

    /// <summary>The orchestration and its activities, for the standalone DurableTask worker (the Functions host finds its [Function]s instead).</summary>
    public static DurableTaskRegistry AddAgreementLifecycle(this DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<LifecycleInput>(AgreementLifecycle.Name, AgreementLifecycle.RunAsync)
        .AddActivity<ReadAgreementActivity>(ReadAgreement)
        .AddActivity<AskOfficialActivity>(AskOfficial)
        .AddActivity<FireTimerActivity>(FireTimer);

    private sealed class ReadAgreementActivity(ILifecycleActivities activities) : TaskActivity<LifecycleInput, ProcessView>
    {
        public override Task<ProcessView> RunAsync(TaskActivityContext context, LifecycleInput input) => activities.ReadAgreementAsync(input, CancellationToken.None);
    }

    private sealed class AskOfficialActivity(ILifecycleActivities activities) : TaskActivity<AskOfficialInput, ProcessView>
    {
        public override Task<ProcessView> RunAsync(TaskActivityContext context, AskOfficialInput input) => activities.AskOfficialAsync(input, CancellationToken.None);
    }

    private sealed class FireTimerActivity(ILifecycleActivities activities) : TaskActivity<FireTimerInput, ProcessView>
    {
        public override Task<ProcessView> RunAsync(TaskActivityContext context, FireTimerInput input) => activities.FireTimerAsync(input, CancellationToken.None);
    }
}
