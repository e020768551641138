using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;

namespace Workflow.Functions.Dispatch;

public sealed record SweepResult(bool Ran, IReadOnlyList<string> RequeuedNotices, IReadOnlyList<string> FiredTimers);

/// <summary>
/// The periodic sweep. One instance at a time (a blob lease): it fires the durable timers that are due,
/// each as an idempotent command on its agreement, and puts dispatch notices that failed too often back in line.
/// Its cost depends on what is due, not on how many agreements there are.
/// </summary>
public sealed class Sweep(
    StorageClients storage, TimerStore timers, AgreementEngine engine, NoticePolicy policy,
    IOptions<EngineOptions> options, TimeProvider clock, ILogger<Sweep> logger)
{
    private const string LeaseBlob = "sweep.lock";

    private async Task<IReadOnlyList<string>> RequeuePoisonedNoticesAsync(CancellationToken ct)
    {
        var requeued = new List<string>();
        foreach (var message in (await storage.DispatchPoison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), ct)).Value)
        {
            var notices = message.Body.ToString();
            logger.LogWarning("Dispatch of {Notices} failed too often before; trying again", notices);
            await storage.Dispatch.SendMessageAsync(notices, ct);
            await storage.DispatchPoison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            requeued.Add(notices);
        }
        return requeued;
    }

    private async Task<IReadOnlyList<string>> FireDueTimersAsync(CancellationToken ct)
    {
        var fired = new List<string>();
        foreach (var due in await timers.DueAsync(clock.GetUtcNow(), ct))
        {
            var acted = false;
            try
            {
                await engine.ExecuteAsSystemAsync(due.AgreementId, (a, now) =>
                {
                    var events = a.FireTimer(due.Timer, policy, CommandContext.SystemActor, now);
                    acted = events.Count > 0;
                    return new Change(events);
                }, ct);
            }
            catch (NotFoundException) { /* the agreement is gone; so is its timer */ }
            if (acted) fired.Add($"{due.AgreementId} {due.Timer.Id}");
            await timers.DeleteAsync(due.Row, ct);
        }
        return fired;
    }

    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        var blob = storage.Locks.GetBlobClient(LeaseBlob);
        try { await blob.UploadAsync(BinaryData.FromString("sweep"), overwrite: false, ct); }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { /* exists, possibly leased */ }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            // Blob leases last 15-60 s; one left by a crashed sweep blocks the next ones that long.
            await lease.AcquireAsync(TimeSpan.FromSeconds(Math.Clamp(options.Value.DispatchLeaseSeconds, 15, 60)), cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            logger.LogInformation("Sweep skipped: another instance holds the lease");
            return new SweepResult(false, [], []);
        }
        try
        {
            var requeued = await RequeuePoisonedNoticesAsync(ct);
            return new SweepResult(true, requeued, await FireDueTimersAsync(ct));
        }
        finally
        {
            try { await lease.ReleaseAsync(cancellationToken: CancellationToken.None); }
            catch (RequestFailedException) { /* expires by itself */ }
        }
    }
}
