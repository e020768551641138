using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Core;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

/// <summary>How the record reaches an agreement's orchestration.</summary>
public interface IAgreementProcess
{
    /// <summary>Starts the agreement's orchestration, unless one is running.</summary>
    Task StartAsync(string agreementId, CancellationToken ct);

    /// <summary>
    /// Wakes it: something it may be waiting for happened; <paramref name="ask"/>, the step whose official waits to be asked
    /// now, if the signaller knows. Throws when the task hub cannot be reached.
    /// </summary>
    Task SignalAsync(string agreementId, StepToAsk? ask, CancellationToken ct);

    /// <summary>The same, unless it has looked at the agreement at <paramref name="version"/> or later, or has ended. Whether it had.</summary>
    Task<bool> SeenOrSignalAsync(string agreementId, int version, bool signal, CancellationToken ct);
}

public sealed class AgreementProcess(DurableClientHolder holder) : IAgreementProcess
{
    private DurableTaskClient Client => holder.Client ?? throw new InvalidOperationException("No Durable Task client to reach the orchestrations with.");

    /// <summary>
    /// Starts one unless it has one running (checked first: starting an instance while its start is still pending would
    /// queue a second start). One that ended (failed, terminated, or replaced by a new version) is started afresh; it
    /// reads where its agreement is from the record, and ends at once if the agreement has.
    /// </summary>
    public async Task StartAsync(string agreementId, CancellationToken ct)
    {
        if (await IsRunningAsync(agreementId, ct)) return;
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(AgreementLifecycle.Name, new LifecycleInput(agreementId), new StartOrchestrationOptions(agreementId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!await IsRunningAsync(agreementId, ct)) throw; // else started meanwhile
        }
    }

    private async Task<bool> IsRunningAsync(string agreementId, CancellationToken ct) =>
        await Client.GetInstanceAsync(agreementId, ct) is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended };

    public Task SignalAsync(string agreementId, StepToAsk? ask, CancellationToken ct) => Client.RaiseEventAsync(agreementId, AgreementLifecycle.Changed, ask, ct);

    /// <summary>A point read instead of a whole look: the engine's own signal has usually been acted on by now.</summary>
    public async Task<bool> SeenOrSignalAsync(string agreementId, int version, bool signal, CancellationToken ct)
    {
        var instance = await Client.GetInstanceAsync(agreementId, getInputsAndOutputs: true, ct);
        if (instance is { IsCompleted: true }) return true;
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running } && LifecycleStatus.Parse(instance.SerializedCustomStatus)?.Version >= version) return true;
        if (signal) await SignalAsync(agreementId, null, ct);
        return false;
    }
}
