using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Hosting;
using Workflow.Functions.Pages;

namespace Workflow.Functions.Reports;

/// <summary>
/// Reports for the Kanwil and the Directorate General: the list (with the list's filters) as CSV or XLSX,
/// and counts by status per institution, region or partner kind.
/// </summary>
public static class ReportsPage
{
    public static IResult Show(HttpContext http) =>
        PageLayout.View<Pages.Views.ReportsView>(http, new Dictionary<string, object?> { ["Page"] = PageContext.From(http) });

    public static async Task<IResult> ExportAsync(HttpContext http, PageServices s, string name, string format, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var t = p.Texts;
        var query = AgreementListQuery.From(http);
        var look = await AgreementListQuery.Lookups.ReadAsync(s, ct);
        var (partners, institutions) = (look.Partners, look.Institutions);
        string InstitutionName(string id) => institutions.TryGetValue(id, out var i) ? i.Name : id;
        string PartnerKindOf(string id) => partners.TryGetValue(id, out var x) ? p.PartnerKind(x.Kind) : "";

        ReportTable table;
        if (name == "perjanjian")
        {
            async IAsyncEnumerable<IReadOnlyList<object?>> Rows()
            {
                await foreach (var r in query.MatchesAsync(s, look, ct))
                    yield return [
                        InstitutionName(r.InstitutionId), r.RegionId, partners.TryGetValue(r.PartnerId, out var partner) ? partner.Name : r.PartnerId, PartnerKindOf(r.PartnerId),
                        p.Kind(r.Kind), r.Title, p.Status(r.Status), string.Join("; ", r.Areas.Select(p.Area)),
                        r.EffectiveFrom, r.ExpiresOn, r.Id];
            }
            table = new ReportTable(t["Reports.Agreements"],
                [t["List.Institution"], t["Reports.Region"], t["List.Partner"], t["List.PartnerKind"], t["New.Kind"],
                 t["New.AgreementTitle"], "Status", t["Reports.Areas"], t["Reports.EffectiveFrom"], t["Dashboard.Expires"], "Id"],
                Rows());
        }
        else
        {
            Func<AgreementSummary, string> key = name switch
            {
                "rekap-institution" => r => InstitutionName(r.InstitutionId),
                "rekap-region" => r => r.RegionId,
                "rekap-partnerKind" => r => PartnerKindOf(r.PartnerId),
                _ => throw new NotFoundException($"Laporan '{name}' tidak dikenal."),
            };
            // Counted as the agreements stream by: memory grows with the groups, not with the agreements.
            var statuses = Enum.GetValues<AgreementStatus>();
            var counts = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
            await foreach (var r in query.MatchesAsync(s, look, ct))
            {
                var group = key(r);
                if (!counts.TryGetValue(group, out var row)) counts[group] = row = new int[statuses.Length];
                row[Array.IndexOf(statuses, r.Status)]++;
            }
            async IAsyncEnumerable<IReadOnlyList<object?>> Totals()
            {
                foreach (var (group, row) in counts) yield return [group, .. row.Select(n => (object?)n), row.Sum()];
                await Task.CompletedTask;
            }
            table = new ReportTable(t["Reports.Counts.Sheet"], [t["Reports.Group"], .. statuses.Select(p.Status), t["Reports.Total"]], Totals());
        }
        var fileName = $"sinergi-{name}-{s.Clock.GetUtcNow():yyyyMMdd}.{format}";
        if (format == "csv")
            return TypedResults.Stream(output => table.WriteCsvAsync(output, ct), "text/csv; charset=utf-8", fileName);
        return TypedResults.Stream(await XlsxWriter.WriteAsync(table, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }
}
