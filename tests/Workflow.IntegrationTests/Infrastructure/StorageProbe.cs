using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Workflow.Functions.Storage;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>Looks at storage directly, behind the app's back, to prove what was (or was not) written.</summary>
public sealed class StorageProbe(TableServiceClient tables, BlobServiceClient blobs)
{
    public TableClient Agreements => tables.GetTableClient(StorageClients.AgreementsTable);

    public async Task<IReadOnlyList<TableEntity>> OutboxAsync(string? agreementId = null)
    {
        var filter = "RowKey ge 'o-' and RowKey lt 'o.'" + (agreementId is null ? "" : $" and PartitionKey eq '{agreementId}'");
        var rows = new List<TableEntity>();
        await foreach (var row in Agreements.QueryAsync<TableEntity>(filter)) rows.Add(row);
        return rows;
    }

    /// <summary>Waits until the dispatcher has emptied every outbox, so a snapshot is stable.</summary>
    public async Task WaitForQuietAsync(string? agreementId = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while ((await OutboxAsync(agreementId)).Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The outbox was not dispatched in time.");
            await Task.Delay(50);
        }
    }

    /// <summary>Every row and blob with its ETag: two equal snapshots mean nothing was written in between.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var table in StorageClients.AllTables)
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                lines.Add($"{table}|{row.PartitionKey}|{row.RowKey}|{row.ETag}");
        await foreach (var blob in blobs.GetBlobContainerClient(StorageClients.DocumentsContainer).GetBlobsAsync())
            lines.Add($"blob|{blob.Name}|{blob.Properties.ETag}");
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
