using Microsoft.DurableTask.Client;
using Workflow.Functions.Hosting;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

/// <summary>
/// Development and Testing. Durable timers run on real time, so when the settable clock moves, the orchestrations whose
/// next timer is due by the new time are woken: they look at their agreements against it and fire what is due.
/// </summary>
public sealed class ClockMover(DevClock clock, DurableClientHolder holder, ILogger<ClockMover> logger)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    /// <summary>Sets the clock and wakes every orchestration with a timer due by then. Answers how many were woken.</summary>
    public async Task<int> MoveAsync(DateTimeOffset to, CancellationToken ct)
    {
        clock.Set(to);
        if (holder.Client is not { } client) return 0;
        var due = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], FetchInputsAndOutputs = true }))
        {
            if (instance.Name != AgreementLifecycle.Name) continue;
            if (Status(instance) is { } looked && (looked.NextAt is null || looked.NextAt > to)) continue; // nothing due by then
            due.Add(instance.InstanceId);
        }
        await WakeAsync(due, ct);
        return due.Count;
    }

    /// <summary>
    /// Wakes these agreements' orchestrations and waits until each has looked at its agreement since (or has ended), a
    /// minute at most.
    /// </summary>
    public async Task WakeAsync(IReadOnlyCollection<string> agreementIds, CancellationToken ct)
    {
        if (holder.Client is not { } client || agreementIds.Count == 0) return;
        var wokenAt = clock.GetUtcNow();
        foreach (var id in agreementIds) await client.RaiseEventAsync(id, AgreementLifecycle.Changed, null, ct);
        var waiting = agreementIds.ToHashSet();
        var deadline = DateTime.UtcNow + LongestWait;
        while (waiting.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
            foreach (var id in waiting.ToList())
                if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, ct) is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending } now
                    || Status(now) is { } looked && looked.LookedAt >= wokenAt)
                    waiting.Remove(id);
        }
        if (waiting.Count > 0) logger.LogWarning("Orchestrations {Ids} had not looked at their agreements a minute after the clock moved", string.Join(", ", waiting));
    }

    private static LifecycleStatus? Status(OrchestrationMetadata instance) => LifecycleStatus.Parse(instance.SerializedCustomStatus);
}
