using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>The agreements in the caller's scope, filtered, searched and paged; filters are a plain GET form.</summary>
public static class AgreementListPage
{
    public const int PageSize = 25;

    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var query = AgreementListQuery.From(http);
        var (filter, area, partnerKind, search) = (query.Filter, query.Area, query.PartnerKind, query.Search);
        var page = int.TryParse(http.Request.Query["page"], out var n) && n > 0 ? n : 1;
        var (rows, partners, institutions) = await query.RunAsync(s, ct);
        var pages = Math.Max(1, (rows.Count + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);
        var shown = rows.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        var body = $"""
            <form class="filters" method="get" action="/app/perjanjian">
              <label>{E(p.T("Cari judul atau mitra", "Search title or partner"))}<input type="search" name="q" value="{E(search)}"></label>
              <label>{E(p.T("Lembaga", "Institution"))}{Select("institutionId", filter.InstitutionId, institutions.Values.Where(i => i.Kind != InstitutionKind.Kanwil).OrderBy(i => i.Name).Select(i => (i.Id, i.Name)), p)}</label>
              <label>{E(p.T("Mitra", "Partner"))}{Select("partnerId", filter.PartnerId, partners.Values.OrderBy(x => x.Name).Select(x => (x.Id, x.Name)), p)}</label>
              <label>{E(p.T("Jenis mitra", "Partner kind"))}{Select("partnerKind", partnerKind?.ToString(), Enum.GetValues<PartnerKind>().Select(x => (x.ToString(), p.PartnerKind(x))), p)}</label>
              <label>{E(p.T("Status", "Status"))}{Select("status", filter.Status?.ToString(), Enum.GetValues<AgreementStatus>().Select(s => (s.ToString(), p.Status(s))), p)}</label>
              <label>{E(p.T("Bidang", "Area"))}{Select("area", area?.ToString(), Enum.GetValues<ProgramArea>().Select(x => (x.ToString(), p.Area(x))), p)}</label>
              <label>{E(p.T("Berakhir sebelum", "Expiring before"))}<input type="date" name="expiresBefore" value="{filter.ExpiresBefore:yyyy-MM-dd}"></label>
              <button type="submit" class="primary">{E(p.T("Terapkan", "Apply"))}</button>
            </form>
            <p class="muted">{rows.Count} {E(p.T("perjanjian", "agreements"))} · <a href="/app/laporan/perjanjian.csv{E(http.Request.QueryString.Value)}">CSV</a> · <a href="/app/laporan/perjanjian.xlsx{E(http.Request.QueryString.Value)}">XLSX</a></p>
            {DashboardPage.Table(p, shown, partners.ToDictionary(x => x.Key, x => x.Value.Name), i => p.Date(i.ExpiresOn), p.T("Berakhir", "Expires"))}
            <div class="pager">
              {(page > 1 ? $"""<a href="{E(PageLink(http, page - 1))}">&larr; {E(p.T("Sebelumnya", "Previous"))}</a>""" : "")}
              <span>{E(p.T("Halaman", "Page"))} {page} / {pages}</span>
              {(page < pages ? $"""<a href="{E(PageLink(http, page + 1))}">{E(p.T("Berikutnya", "Next"))} &rarr;</a>""" : "")}
            </div>
            """;
        return PageLayout.Page(http, p, p.T("Perjanjian", "Agreements"), body);
    }

    private static string Select(string name, string? selected, IEnumerable<(string Value, string Label)> options, PageContext p) =>
        $"""<select name="{name}"><option value="">{E(p.T("Semua", "All"))}</option>{string.Concat(options.Select(o =>
            $"""<option value="{E(o.Value)}"{(o.Value == selected ? " selected" : "")}>{E(o.Label)}</option>"""))}</select>""";

    private static string PageLink(HttpContext http, int page)
    {
        var query = http.Request.Query.Where(x => x.Key != "page").Select(x => $"{Uri.EscapeDataString(x.Key)}={Uri.EscapeDataString(x.Value.ToString())}").Append($"page={page}");
        return "/app/perjanjian?" + string.Join("&", query);
    }
}
