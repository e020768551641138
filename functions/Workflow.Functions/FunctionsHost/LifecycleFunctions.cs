using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Workflow.Orchestration;

namespace Workflow.Functions.FunctionsHost;

/// <summary>
/// The agreement's orchestration and its activities as functions, for the Durable Task extension under the host (the
/// standalone worker registers the same code: LifecycleActivities.AddAgreementLifecycle).
/// </summary>
public sealed class LifecycleFunctions(ILifecycleActivities activities)
{
    [Function(AgreementLifecycle.Name)]
    public static Task Lifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        AgreementLifecycle.RunAsync(context, context.GetInput<LifecycleInput>()!);

    [Function(LifecycleActivities.ReadAgreement)]
    public Task<ProcessView> ReadAgreement([ActivityTrigger] LifecycleInput input, CancellationToken ct) => activities.ReadAgreementAsync(input, ct);

    [Function(LifecycleActivities.AskOfficial)]
    public Task<ProcessView> AskOfficial([ActivityTrigger] AskOfficialInput input, CancellationToken ct) => activities.AskOfficialAsync(input, ct);

    [Function(LifecycleActivities.FireTimer)]
    public Task<ProcessView> FireTimer([ActivityTrigger] FireTimerInput input, CancellationToken ct) => activities.FireTimerAsync(input, ct);
}
