using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// The list tables: by institution, region and status (partition = that value) and by expiry
/// (one partition, row key = date, so "expires before" is a range). Every row carries the summary a list shows.
/// They are written from the <c>state</c> row, never from an event, so they can always be rebuilt.
/// </summary>
public sealed class Projections(StorageClients storage)
{
    public const string ExpiryPartition = "expiry";

    /// <summary>The state row's columns that every list row carries.</summary>
    public static readonly string[] SummaryColumns =
        ["Status", "Kind", "InstitutionId", "RegionId", "PartnerId", "Title", "ExpiresOn", "Version", "UpdatedAt", "ParentAgreementId", "Areas", "EvaluationDueOn", "ReviewDueAt", "EffectiveFrom", "Imported", "ItemDueOn"];

    /// <summary>
    /// Whether a change alters what a list shows. Asking an official and the reminders and notices change nothing listed
    /// (the lists keep the version and time of the last change that did), so they are not projected.
    /// </summary>
    public static bool Concern(IReadOnlyList<AgreementEvent> events) =>
        !events.All(e => e is DecisionRequested or ReviewReminderDue or EvaluationReminderDue or RenewalNoticeDue);

    /// <summary>Projects the agreement's current state, then removes rows for where it no longer belongs.</summary>
    public async Task ProjectAsync(string agreementId, IEnumerable<ProjectPayload> previous, CancellationToken ct)
    {
        var staleStatuses = previous.Select(p => p.PreviousStatus).OfType<string>().ToHashSet();
        var staleExpiries = previous.Select(p => p.PreviousExpiresOn).OfType<string>().ToHashSet();
        // Re-read after writing: a dispatcher that read an older state may have written after us.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var state = await ReadStateAsync(agreementId, ct);
            if (state is null) return;
            var summary = Summary(state, agreementId);
            var status = state.GetString("Status");
            var expires = state.GetString("ExpiresOn");
            await Task.WhenAll(
                Upsert(StorageClients.ByInstitutionTable, state.GetString("InstitutionId"), agreementId, summary, ct),
                Upsert(StorageClients.ByRegionTable, state.GetString("RegionId"), agreementId, summary, ct),
                Upsert(StorageClients.ByStatusTable, status, agreementId, summary, ct),
                expires is null ? Task.CompletedTask : Upsert(StorageClients.ByExpiryTable, ExpiryPartition, ExpiryRow(expires, agreementId), summary, ct));
            foreach (var old in staleStatuses.Where(s => s != status))
                await Delete(StorageClients.ByStatusTable, old, agreementId, ct);
            foreach (var old in staleExpiries.Where(e => e != expires))
                await Delete(StorageClients.ByExpiryTable, ExpiryPartition, ExpiryRow(old, agreementId), ct);

            var after = await ReadStateAsync(agreementId, ct);
            if (after is null || after.GetInt32("Version") == state.GetInt32("Version")) return;
            staleStatuses.Add(status!);
            if (expires is not null) staleExpiries.Add(expires);
        }
    }

    public static string ExpiryRow(string expiresOn, string agreementId) => $"{expiresOn}_{agreementId}";

    private async Task<TableEntity?> ReadStateAsync(string id, CancellationToken ct)
    {
        var row = await storage.Agreements.GetEntityIfExistsAsync<TableEntity>(id, AgreementStore.StateRow,
            select: SummaryColumns, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private static TableEntity Summary(TableEntity state, string agreementId)
    {
        var summary = new TableEntity();
        foreach (var column in SummaryColumns)
            summary[column] = state.TryGetValue(column, out var value) ? value : null;
        summary["AgreementId"] = agreementId;
        return summary;
    }

    private Task Upsert(string table, string? partition, string row, TableEntity summary, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(partition)) return Task.CompletedTask;
        var entity = new TableEntity(summary) { PartitionKey = partition, RowKey = row };
        return storage.Table(table).UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    private async Task Delete(string table, string partition, string row, CancellationToken ct)
    {
        try { await storage.Table(table).DeleteEntityAsync(partition, row, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Rebuilds every list from the state rows; for recovery and after a schema change.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        foreach (var table in (string[])[StorageClients.ByInstitutionTable, StorageClients.ByRegionTable, StorageClients.ByStatusTable, StorageClients.ByExpiryTable])
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: ct))
                await Delete(table, row.PartitionKey, row.RowKey, ct);
        var count = 0;
        await foreach (var state in storage.Agreements.QueryAsync<TableEntity>(r => r.RowKey == AgreementStore.StateRow, select: ["PartitionKey"], cancellationToken: ct))
        {
            await ProjectAsync(state.PartitionKey, [], ct);
            count++;
        }
        return count;
    }
}
