using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Timers;

public sealed record DueTimer(string AgreementId, ScheduledTimer Timer, TableEntity Row);

/// <summary>
/// Durable timers in table <c>timers</c>: partition = the UTC day it is due (<c>yyyyMMdd</c>), so the sweep
/// reads only partitions up to today, and its cost grows with what is due, not with how many agreements exist.
/// Row keys sort by time of day; a timer's key is fixed by what it is, so writing it twice writes one row.
/// </summary>
public sealed class TimerStore(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.TimersTable);

    public static string Partition(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string Row(string agreementId, ScheduledTimer t) =>
        $"{t.DueAt.UtcDateTime:HHmmss}-{agreementId}-{EventChain.Sha256Hex(t.Id)[..16]}";

    public static TableEntity Entity(string agreementId, ScheduledTimer t) => new(Partition(t.DueAt), Row(agreementId, t))
    {
        ["AgreementId"] = agreementId,
        ["Kind"] = t.Kind.ToString(),
        ["DueOn"] = t.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["DueAt"] = t.DueAt,
        ["Detail"] = t.Detail,
    };

    /// <summary>A renewal notice row as the scheduler writes it, for tests and the benchmark that fill the table directly.</summary>
    public static TableEntity RenewalNotice(string agreementId, DateTimeOffset dueAt) =>
        Entity(agreementId, new ScheduledTimer(TimerKind.RenewalNotice, DateOnly.FromDateTime(dueAt.UtcDateTime), dueAt, "90 days before expiry"));

    public Task UpsertAsync(string agreementId, ScheduledTimer t, CancellationToken ct) =>
        Table.UpsertEntityAsync(Entity(agreementId, t), TableUpdateMode.Replace, ct);

    /// <summary>Every timer due by <paramref name="now"/>: past partitions hold only what has not fired yet.</summary>
    public async Task<IReadOnlyList<DueTimer>> DueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Partition(now)} and DueAt le {now}");
        var due = new List<DueTimer>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            due.Add(new DueTimer(row.GetString("AgreementId"), new ScheduledTimer(
                Enum.Parse<TimerKind>(row.GetString("Kind")),
                DateOnly.ParseExact(row.GetString("DueOn"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetDateTimeOffset("DueAt")!.Value,
                row.GetString("Detail")), row));
        return due;
    }

    public async Task DeleteAsync(TableEntity row, CancellationToken ct)
    {
        try { await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }
}
