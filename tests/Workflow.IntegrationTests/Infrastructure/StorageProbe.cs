using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Workflow.Functions.Agreements;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Storage;
using Workflow.Orchestration;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>Looks at storage directly, behind the app's back, to prove what was (or was not) written.</summary>
/// <param name="processes">The app runs the agreements' orchestrations (on the task hub of these tables).</param>
public sealed class StorageProbe(TableServiceClient tables, BlobServiceClient blobs, bool processes = true)
{
    public TableClient Agreements => tables.GetTableClient(StorageClients.AgreementsTable);

    /// <summary>The task hub's table of orchestration instances (the Durable Task Azure Storage provider's).</summary>
    public TableClient Instances => tables.GetTableClient($"{new ProcessOptions().TaskHub}Instances");

    public async Task<IReadOnlyList<TableEntity>> OutboxAsync(string? agreementId = null)
    {
        var filter = "RowKey ge 'o-' and RowKey lt 'o.'" + (agreementId is null ? "" : $" and PartitionKey eq '{agreementId}'");
        var rows = new List<TableEntity>();
        await foreach (var row in Agreements.QueryAsync<TableEntity>(filter)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// Waits until the dispatcher has emptied every outbox and, where the app runs the agreements' orchestrations,
    /// each agreement changed lately has had its orchestration look at it since (or end), so a snapshot is stable.
    /// </summary>
    public async Task WaitForQuietAsync(string? agreementId = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var outbox = await OutboxAsync(agreementId);
            var unseen = outbox.Count > 0 || !processes ? [] : await UnseenByProcessAsync(agreementId);
            // Once more: what an orchestration did while its agreement was being looked at has left an outbox row.
            if (outbox.Count == 0 && unseen.Count == 0 && (!processes || (await OutboxAsync(agreementId)).Count == 0)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(outbox.Count > 0
                    ? "The outbox was not dispatched in time."
                    : $"The orchestrations of {string.Join(", ", unseen)} had not looked at their agreements in time.");
            await Task.Delay(50);
        }
    }

    /// <summary>The agreements (changed in the last minutes) whose orchestration has not yet seen their latest version.</summary>
    public async Task<IReadOnlyList<string>> UnseenByProcessAsync(string? agreementId)
    {
        var filter = agreementId is null
            ? TableClient.CreateQueryFilter($"RowKey eq {AgreementStore.StateRow} and Timestamp ge {DateTimeOffset.UtcNow.AddMinutes(-5)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {agreementId} and RowKey eq {AgreementStore.StateRow}");
        var unseen = new List<string>();
        await foreach (var state in Agreements.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "Version"]))
        {
            var instance = await Instances.GetEntityIfExistsAsync<TableEntity>(state.PartitionKey, "");
            var status = instance.HasValue ? instance.Value!.GetString("RuntimeStatus") : null;
            if (status == "Failed") throw new InvalidOperationException($"The orchestration of {state.PartitionKey} failed: {instance.Value!.GetString("Output")}");
            if (status is "Completed" or "Terminated") continue;
            var looked = status == "Running" ? LifecycleStatus.Parse(instance.Value!.GetString("CustomStatus")) : null;
            var version = state.GetInt32("Version") ?? 0;
            if (looked is null || looked.Version < version && await SignalledSinceAsync(state.PartitionKey, looked.Version, version))
                unseen.Add($"{state.PartitionKey} (version {version}, orchestration {status ?? "none"} having seen {looked?.Version.ToString() ?? "nothing"})");
        }
        return unseen;
    }

    /// <summary>Whether a change after <paramref name="seen"/> was one the orchestration is told of (the others it need not see).</summary>
    private async Task<bool> SignalledSinceAsync(string agreementId, int seen, int version)
    {
        await foreach (var e in Agreements.QueryAsync<TableEntity>($"PartitionKey eq '{agreementId}' and RowKey gt 'e-{seen:D10}' and RowKey le 'e-{version:D10}'", select: ["Type"]))
            if (ProcessSignals.EventTypes.Contains(e.GetString("Type"))) return true;
        return false;
    }

    /// <summary>Every row and blob with its ETag: two equal snapshots mean nothing was written in between.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var table in StorageClients.AllTables)
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                lines.Add($"{table}|{row.PartitionKey}|{row.RowKey}|{row.ETag}");
        foreach (var container in new[] { StorageClients.DocumentsContainer, StorageClients.TemplatesContainer })
            await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync())
                lines.Add($"{container}|{blob.Name}|{blob.Properties.ETag}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public async Task<int> BlobCountAsync(string prefix)
    {
        var count = 0;
        await foreach (var _ in blobs.GetBlobContainerClient(StorageClients.DocumentsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, default)) count++;
        return count;
    }
}
