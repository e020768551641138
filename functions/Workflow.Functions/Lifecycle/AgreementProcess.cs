using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

/// <summary>How the record reaches an agreement's orchestration.</summary>
public interface IAgreementProcess
{
    /// <summary>
    /// Starts the agreement's orchestration, unless one is running or about to. Whether one has begun that runs, or that
    /// started at or after <paramref name="requestedAt"/> (real time, as the task hub keeps it) and has ended; until then
    /// the caller is to ask again.
    /// </summary>
    Task<bool> StartAsync(string agreementId, DateTimeOffset requestedAt, CancellationToken ct);

    /// <summary>
    /// Wakes it: something it may be waiting for happened; <paramref name="ask"/>, the step whose official waits to be asked
    /// now, if the signaller knows. Throws when the task hub cannot be reached.
    /// </summary>
    Task SignalAsync(string agreementId, StepToAsk? ask, CancellationToken ct);

    /// <summary>The same, unless it has looked at the agreement at <paramref name="version"/> or later, or has ended.</summary>
    Task<ProcessLook> SeenOrSignalAsync(string agreementId, int version, bool signal, CancellationToken ct);
}

public enum ProcessLook
{
    /// <summary>It has looked at the version, or has ended.</summary>
    Seen,
    /// <summary>It runs and has not looked yet (signalled, if asked to).</summary>
    NotYet,
    /// <summary>Its start has not reached it yet; one that never will (lost on its way) has been started again.</summary>
    NotStarted,
}

/// <remarks>
/// The task hub's times (an instance's creation, its last update) are real time, so they are compared with the real clock,
/// never with the app's settable one: a development clock moved to another year would make every pending start look
/// lost, or none.
/// </remarks>
public sealed class AgreementProcess(DurableClientHolder holder, IOptions<ProcessOptions> options, ILogger<AgreementProcess> logger) : IAgreementProcess
{
    /// <summary>
    /// The task hub writes a new instance's row before its start message: storage lost between the two leaves it Pending for
    /// good. A start taken by an instance that crashed shows again after the visibility timeout; Pending much longer is lost.
    /// </summary>
    private TimeSpan LostAfter => TimeSpan.FromSeconds(options.Value.VisibilityTimeoutSeconds) + TimeSpan.FromMinutes(1);

    private DurableTaskClient Client => holder.Client ?? throw new InvalidOperationException("No Durable Task client to reach the orchestrations with.");

    /// <summary>
    /// Starts one unless it has one running or pending (checked first: starting an instance while its start is still
    /// pending would queue a second start). One that ended (failed, terminated, or replaced by a new version) is started
    /// afresh; it reads where its agreement is from the record, and ends at once if the agreement has.
    /// </summary>
    public async Task<bool> StartAsync(string agreementId, DateTimeOffset requestedAt, CancellationToken ct) =>
        await StartAsync(agreementId, await Client.GetInstanceAsync(agreementId, ct), requestedAt, ct);

    /// <summary>The same, from the instance as just read.</summary>
    private async Task<bool> StartAsync(string agreementId, OrchestrationMetadata? instance, DateTimeOffset requestedAt, CancellationToken ct)
    {
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended }) return true;
        if (instance is { IsCompleted: true } && instance.CreatedAt >= requestedAt) return true;
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            if (!IsLost(instance)) return false;
            logger.LogWarning("The orchestration of {AgreementId} has been pending since {Since:u}: its start was lost; starting it again", agreementId, instance.LastUpdatedAt);
        }
        await ScheduleAsync(agreementId, ct);
        return false;
    }

    private async Task ScheduleAsync(string agreementId, CancellationToken ct)
    {
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(AgreementLifecycle.Name, new LifecycleInput(agreementId), new StartOrchestrationOptions(agreementId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Else another instance of the app started it meanwhile.
            if (await Client.GetInstanceAsync(agreementId, ct) is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending }) throw;
        }
    }

    private bool IsLost(OrchestrationMetadata pending) => DateTimeOffset.UtcNow - pending.LastUpdatedAt > LostAfter;

    public Task SignalAsync(string agreementId, StepToAsk? ask, CancellationToken ct) => Client.RaiseEventAsync(agreementId, AgreementLifecycle.Changed, ask, ct);

    /// <summary>A point read instead of a whole look: the engine's own signal has usually been acted on by now.</summary>
    public async Task<ProcessLook> SeenOrSignalAsync(string agreementId, int version, bool signal, CancellationToken ct)
    {
        var instance = await Client.GetInstanceAsync(agreementId, getInputsAndOutputs: true, ct);
        if (instance is { IsCompleted: true }) return ProcessLook.Seen;
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running } && LifecycleStatus.Parse(instance.SerializedCustomStatus)?.Version >= version) return ProcessLook.Seen;
        if (instance is { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            await StartAsync(agreementId, instance, DateTimeOffset.UtcNow, ct); // again, if its start was lost
            return ProcessLook.NotStarted;
        }
        if (signal) await SignalAsync(agreementId, null, ct);
        return ProcessLook.NotYet;
    }
}
