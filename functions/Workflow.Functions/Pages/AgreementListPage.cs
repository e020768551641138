using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>The agreements in the caller's scope, filtered, searched and paged; filters are a plain GET form.</summary>
public static class AgreementListPage
{
    public const int PageSize = 25;

    public static async Task<IResult> ShowAsync(HttpContext http, AgreementQueries queries, DirectoryStore directory, TimeProvider clock, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var q = http.Request.Query;
        var filter = AgreementQueries.Scope(AgreementQueries.Parse(Value(q["institutionId"]), Value(q["partnerId"]), null, Value(q["status"]), Value(q["expiresBefore"])), p.Caller);
        var area = Enum.TryParse<ProgramArea>(q["area"], out var a) && Enum.IsDefined(a) ? a : (ProgramArea?)null;
        var partnerKind = Enum.TryParse<PartnerKind>(q["partnerKind"], out var k) && Enum.IsDefined(k) ? k : (PartnerKind?)null;
        var search = Value(q["q"])?.Trim();
        var page = int.TryParse(q["page"], out var n) && n > 0 ? n : 1;

        var partners = (await directory.ListPartnersAsync(ct)).ToDictionary(x => x.Id);
        var institutions = (await directory.ListInstitutionsAsync(ct)).ToDictionary(x => x.Id);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rows = (await queries.ListAsync(filter, ct)).Items
            .Where(i => area is null || i.Areas.Contains(area.Value))
            .Where(i => partnerKind is null || (partners.TryGetValue(i.PartnerId, out var partner) && partner.Kind == partnerKind))
            .Where(i => q["evaluationDue"] != "1" || i.EvaluationDueOn <= today)
            .Where(i => q["lateReview"] != "1" || (i.Status == AgreementStatus.InReview && i.ReviewDueAt < now))
            .Where(i => string.IsNullOrEmpty(search) || i.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
                || (partners.TryGetValue(i.PartnerId, out var partner) && partner.Name.Contains(search, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);
        var shown = rows.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        var body = $"""
            <form class="filters" method="get" action="/app/perjanjian">
              <label>{E(p.T("Cari judul atau mitra", "Search title or partner"))}<input type="search" name="q" value="{E(search)}"></label>
              <label>{E(p.T("Lembaga", "Institution"))}{Select("institutionId", filter.InstitutionId, institutions.Values.Where(i => i.Kind != InstitutionKind.Kanwil).OrderBy(i => i.Name).Select(i => (i.Id, i.Name)), p)}</label>
              <label>{E(p.T("Jenis mitra", "Partner kind"))}{Select("partnerKind", partnerKind?.ToString(), Enum.GetNames<PartnerKind>().Select(x => (x, x)), p)}</label>
              <label>{E(p.T("Status", "Status"))}{Select("status", filter.Status?.ToString(), Enum.GetValues<AgreementStatus>().Select(s => (s.ToString(), p.Status(s))), p)}</label>
              <label>{E(p.T("Bidang", "Area"))}{Select("area", area?.ToString(), Enum.GetValues<ProgramArea>().Select(x => (x.ToString(), p.Area(x))), p)}</label>
              <label>{E(p.T("Berakhir sebelum", "Expiring before"))}<input type="date" name="expiresBefore" value="{filter.ExpiresBefore:yyyy-MM-dd}"></label>
              <button type="submit" class="primary">{E(p.T("Terapkan", "Apply"))}</button>
            </form>
            <p class="muted">{rows.Count} {E(p.T("perjanjian", "agreements"))}</p>
            {DashboardPage.Table(p, shown, partners.ToDictionary(x => x.Key, x => x.Value.Name), i => p.Date(i.ExpiresOn), p.T("Berakhir", "Expires"))}
            <div class="pager">
              {(page > 1 ? $"""<a href="{E(PageLink(http, page - 1))}">&larr; {E(p.T("Sebelumnya", "Previous"))}</a>""" : "")}
              <span>{E(p.T("Halaman", "Page"))} {page} / {pages}</span>
              {(page < pages ? $"""<a href="{E(PageLink(http, page + 1))}">{E(p.T("Berikutnya", "Next"))} &rarr;</a>""" : "")}
            </div>
            """;
        return PageLayout.Page(http, p, p.T("Perjanjian", "Agreements"), body);
    }

    private static string? Value(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrWhiteSpace(v) ? null : v.ToString();

    private static string Select(string name, string? selected, IEnumerable<(string Value, string Label)> options, PageContext p) =>
        $"""<select name="{name}"><option value="">{E(p.T("Semua", "All"))}</option>{string.Concat(options.Select(o =>
            $"""<option value="{E(o.Value)}"{(o.Value == selected ? " selected" : "")}>{E(o.Label)}</option>"""))}</select>""";

    private static string PageLink(HttpContext http, int page)
    {
        var query = http.Request.Query.Where(x => x.Key != "page").Select(x => $"{Uri.EscapeDataString(x.Key)}={Uri.EscapeDataString(x.Value.ToString())}").Append($"page={page}");
        return "/app/perjanjian?" + string.Join("&", query);
    }
}
