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
        var look = await AgreementListQuery.Lookups.ReadAsync(s, ct);
        var (partners, institutions) = (look.Partners, look.Institutions);
        var window = new ListWindow(PageSize, ListPosition.Parse(http.Request.Query["continuationToken"]));
        await foreach (var row in query.MatchesAsync(s, look, ct)) window.Add(row);
        var (page, pages) = (window.CountBefore / PageSize + 1, Math.Max(1, (window.Count + PageSize - 1) / PageSize));
        var table = await s.Html.RenderAsync<Views.AgreementTable>(new Dictionary<string, object?>
        {
            ["Page"] = p, ["Rows"] = window.Rows, ["Partners"] = partners.ToDictionary(x => x.Key, x => x.Value.Name),
            ["When"] = (Func<AgreementSummary, string>)(i => p.Date(i.ExpiresOn)), ["WhenLabel"] = p.T("Berakhir", "Expires"),
        });

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
            <p class="muted">{window.Count} {E(p.T("perjanjian", "agreements"))} · <a href="/app/laporan/perjanjian.csv{E(http.Request.QueryString.Value)}">CSV</a> · <a href="/app/laporan/perjanjian.xlsx{E(http.Request.QueryString.Value)}">XLSX</a></p>
            {table}
            <div class="pager">
              {(window.HasPrevious ? $"""<a href="{E(PageLink(http, window.PreviousToken))}" rel="prev">&larr; {E(p.T("Sebelumnya", "Previous"))}</a>""" : "")}
              <span>{E(p.T("Halaman", "Page"))} {page} / {pages}</span>
              {(window.NextToken is { } next ? $"""<a href="{E(PageLink(http, next))}" rel="next">{E(p.T("Berikutnya", "Next"))} &rarr;</a>""" : "")}
            </div>
            """;
        return PageLayout.Page(http, p, p.T("Perjanjian", "Agreements"), body);
    }

    private static string Select(string name, string? selected, IEnumerable<(string Value, string Label)> options, PageContext p) =>
        $"""<select name="{name}"><option value="">{E(p.T("Semua", "All"))}</option>{string.Concat(options.Select(o =>
            $"""<option value="{E(o.Value)}"{(o.Value == selected ? " selected" : "")}>{E(o.Label)}</option>"""))}</select>""";

    /// <summary>The same filters, from a page's token (none: the first page).</summary>
    private static string PageLink(HttpContext http, string? token)
    {
        var query = http.Request.Query.Where(x => x.Key != "continuationToken").Select(x => $"{Uri.EscapeDataString(x.Key)}={Uri.EscapeDataString(x.Value.ToString())}");
        if (token is not null) query = query.Append($"continuationToken={Uri.EscapeDataString(token)}");
        return "/app/perjanjian?" + string.Join("&", query);
    }
}
