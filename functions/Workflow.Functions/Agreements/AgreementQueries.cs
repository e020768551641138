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
    bool Imported);

public sealed record AgreementList(IReadOnlyList<AgreementSummary> Items, int Count, bool Truncated);

public sealed record AgreementFilter(string? InstitutionId, string? PartnerId, string? RegionId, AgreementStatus? Status, DateOnly? ExpiresBefore);

/// <summary>
/// Lists come from the projection tables, never from a scan of the agreements: the narrowest
/// list (institution, region, status, expiry) is read and the rest filtered by the service.
/// </summary>
public sealed class AgreementQueries(StorageClients storage)
{
    public const int MaxItems = 1000;

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

    public async Task<AgreementList> ListAsync(AgreementFilter f, CancellationToken ct)
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

        var items = new List<AgreementSummary>();
        var truncated = false;
        var filter = conditions.Count == 0 ? null : string.Join(" and ", conditions);
        await foreach (var row in storage.Table(table).QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (items.Count == MaxItems) { truncated = true; break; }
            items.Add(ToSummary(row));
        }
        var sorted = items.OrderBy(i => i.Title, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id).ToList();
        return new AgreementList(sorted, sorted.Count, truncated);
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
        r.GetBoolean("Imported") == true);

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd");
}
