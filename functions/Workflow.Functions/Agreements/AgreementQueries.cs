using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Agreements;

public sealed record AgreementSummary(
    string Id, AgreementKind Kind, AgreementStatus Status, string InstitutionId, string RegionId, string PartnerId,
    string Title, DateOnly? ExpiresOn, int Version, DateTimeOffset? UpdatedAt,
    string? ParentAgreementId, IReadOnlyList<ProgramArea> Areas, DateOnly? EvaluationDueOn, DateTimeOffset? ReviewDueAt, DateOnly? EffectiveFrom,
    bool Imported, DateOnly? ItemDueOn = null);

/// <summary>One page of a list; <paramref name="ContinuationToken"/> asks for the next, null on the last.</summary>
public sealed record AgreementPage(IReadOnlyList<AgreementSummary> Items, string? ContinuationToken);

public sealed record AgreementFilter(string? InstitutionId, string? PartnerId, string? RegionId, AgreementStatus? Status, DateOnly? ExpiresBefore);

/// <summary>
/// Lists come from the projection tables, never from a scan of the agreements: the narrowest
/// list (institution, region, status, expiry) is read and the rest filtered by the table service.
/// Every matching agreement is reachable: the API pages by the table's own order, the pages and reports read them all.
/// </summary>
public sealed class AgreementQueries(StorageClients storage)
{
    public const int DefaultPageSize = 100, MaxPageSize = 500;

    public static AgreementFilter Parse(string? institutionId, string? partnerId, string? regionId, string? status, string? expiresBefore)
    {
        var v = new Validator();
        var filter = new AgreementFilter(
            Ids.Optional(v, "institutionId", institutionId),
            Ids.Optional(v, "partnerId", partnerId),
            Ids.Optional(v, "regionId", regionId),
            status is null ? null : Enum.TryParse<AgreementStatus>(status, ignoreCase: false, out var s) && Enum.IsDefined(s) ? s : Fail<AgreementStatus>(v, "status",
                $"Status harus salah satu dari: {string.Join(", ", Enum.GetNames<AgreementStatus>())}."),
            expiresBefore is null ? null : DateOnly.TryParseExact(expiresBefore, "yyyy-MM-dd", out var d) ? d : Fail<DateOnly>(v, "expiresBefore", "Tanggal harus berformat yyyy-MM-dd."));
        v.ThrowIfAny();
        return filter;
    }

    private static T? Fail<T>(Validator v, string field, string message) where T : struct
    {
        v.Add(field, message);
        return null;
    }

    /// <summary>Narrows the filter to what the caller may see.</summary>
    public static AgreementFilter Scope(AgreementFilter filter, Caller caller)
    {
        if (!caller.IsKnown) throw new ForbiddenException("Akun Anda belum memiliki peran di Sinergi; hubungi admin.");
        if (caller.IsAdmin) return filter;
        if (caller.Roles.Contains(Roles.Kanwil) && caller.RegionId is not null)
        {
            if (filter.RegionId is not null && filter.RegionId != caller.RegionId)
                throw new ForbiddenException("Kanwil hanya dapat melihat perjanjian di wilayahnya.");
            return filter with { RegionId = caller.RegionId };
        }
        if (caller.InstitutionId is null) throw new ForbiddenException("Token Anda tidak menyebut lembaga.");
        if (filter.InstitutionId is not null && filter.InstitutionId != caller.InstitutionId)
            throw new ForbiddenException("Anda hanya dapat melihat perjanjian lembaga Anda.");
        return filter with { InstitutionId = caller.InstitutionId };
    }

    /// <summary>A page in the table's order, from where <paramref name="continuationToken"/> left off.</summary>
    public async Task<AgreementPage> PageAsync(AgreementFilter f, int pageSize, string? continuationToken, CancellationToken ct)
    {
        var items = new List<AgreementSummary>(pageSize);
        ListPosition? last = null;
        await foreach (var (item, position) in ReadAsync(f, ListPosition.Parse(continuationToken), pageSize + 1, ct))
        {
            if (items.Count == pageSize) return new AgreementPage(items, last!.Token);
            items.Add(item);
            last = position;
        }
        return new AgreementPage(items, null);
    }

    /// <summary>Every agreement the filter selects, one at a time (never held together), in the table's order.</summary>
    public async IAsyncEnumerable<AgreementSummary> AllAsync(AgreementFilter f, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var (item, _) in ReadAsync(f, null, MaxPageSize, ct)) yield return item;
    }

    private async IAsyncEnumerable<(AgreementSummary Item, ListPosition Position)> ReadAsync(
        AgreementFilter f, ListPosition? after, int readAhead, [EnumeratorCancellation] CancellationToken ct)
    {
        var conditions = new List<string>();
        string table;
        if (f.InstitutionId is not null) { table = StorageClients.ByInstitutionTable; conditions.Add(Eq("PartitionKey", f.InstitutionId)); }
        else if (f.RegionId is not null) { table = StorageClients.ByRegionTable; conditions.Add(Eq("PartitionKey", f.RegionId)); }
        else if (f.Status is not null) { table = StorageClients.ByStatusTable; conditions.Add(Eq("PartitionKey", f.Status.ToString()!)); }
        else if (f.ExpiresBefore is not null)
        {
            table = StorageClients.ByExpiryTable;
            conditions.Add(Eq("PartitionKey", Projections.ExpiryPartition));
            conditions.Add(TableClient.CreateQueryFilter($"RowKey lt {f.ExpiresBefore.Value.ToString("yyyy-MM-dd")}"));
        }
        else table = StorageClients.ByInstitutionTable;

        if (f.RegionId is not null) conditions.Add(Eq("RegionId", f.RegionId));
        if (f.PartnerId is not null) conditions.Add(Eq("PartnerId", f.PartnerId));
        if (f.Status is not null) conditions.Add(Eq("Status", f.Status.ToString()!));
        if (f.ExpiresBefore is not null) conditions.Add(TableClient.CreateQueryFilter($"ExpiresOn lt {f.ExpiresBefore.Value.ToString("yyyy-MM-dd")}"));
        if (after is not null)
            conditions.Add(TableClient.CreateQueryFilter($"(PartitionKey gt {after.PartitionKey} or (PartitionKey eq {after.PartitionKey} and RowKey gt {after.RowKey}))"));

        var filter = conditions.Count == 0 ? null : string.Join(" and ", conditions);
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(readAhead, 1_000), cancellationToken: ct))
            yield return (ToSummary(row), new ListPosition(row.PartitionKey, row.RowKey));
    }

    private static string Eq(string column, string value) => $"{column} eq " + TableClient.CreateQueryFilter($"{value}");

    private static AgreementSummary ToSummary(TableEntity r) => new(
        r.GetString("AgreementId"),
        Enum.Parse<AgreementKind>(r.GetString("Kind")),
        Enum.Parse<AgreementStatus>(r.GetString("Status")),
        r.GetString("InstitutionId"),
        r.GetString("RegionId"),
        r.GetString("PartnerId"),
        r.GetString("Title"),
        Date(r.GetString("ExpiresOn")),
        r.GetInt32("Version") ?? 0,
        r.GetDateTimeOffset("UpdatedAt"),
        r.GetString("ParentAgreementId"),
        (r.GetString("Areas") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ProgramArea>).ToList(),
        Date(r.GetString("EvaluationDueOn")),
        r.GetDateTimeOffset("ReviewDueAt"),
        Date(r.GetString("EffectiveFrom")),
        r.GetBoolean("Imported") == true,
        Date(r.GetString("ItemDueOn")));

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd");
}
