using Azure;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Workflow.Functions.Agreements;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

public sealed record SweepResult(bool Ran, IReadOnlyList<string> RecoveredOutboxes, IReadOnlyList<string> FiredTimers);

/// <summary>
/// The periodic sweep. One instance at a time (a blob lease): it re-dispatches outboxes left behind
/// by a crash between commit and notice.
/// </summary>
public sealed class Sweep(StorageClients storage, AgreementStore store, IOptions<EngineOptions> options, TimeProvider clock, ILogger<Sweep> logger)
{
    private const string LeaseBlob = "sweep.lock";

    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        var blob = storage.Locks.GetBlobClient(LeaseBlob);
        try { await blob.UploadAsync(BinaryData.FromString("sweep"), overwrite: false, ct); }
        catch (RequestFailedException e) when (e.Status is 409 or 412) { /* exists, possibly leased */ }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(TimeSpan.FromSeconds(60), cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            logger.LogInformation("Sweep skipped: another instance holds the lease");
            return new SweepResult(false, [], []);
        }
        try
        {
            var olderThan = clock.GetUtcNow().AddMinutes(-options.Value.OutboxRecoveryMinutes);
            var stale = await store.FindStaleOutboxAsync(olderThan, ct);
            foreach (var id in stale)
            {
                logger.LogWarning("Outbox of {AgreementId} waited past {OlderThan}: dispatching again", id, olderThan);
                await storage.Dispatch.SendMessageAsync(id, ct);
            }
            return new SweepResult(true, stale, []);
        }
        finally
        {
            try { await lease.ReleaseAsync(cancellationToken: CancellationToken.None); }
            catch (RequestFailedException) { /* expires by itself */ }
        }
    }
}
