using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>What needs attention in the caller's scope; each number links to the list behind it.</summary>
public static class DashboardPage
{
    public const int ExpiringWithinDays = 90;

    public static async Task<IResult> ShowAsync(HttpContext http, AgreementQueries queries, DirectoryStore directory, TimeProvider clock, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var items = (await queries.ListAsync(AgreementQueries.Scope(new AgreementFilter(null, null, null, null, null), p.Caller), ct)).Items;
        var partners = (await directory.ListPartnersAsync(Directory.PartnersApi.ReadScopes(p.Caller), ct)).ToDictionary(x => x.Id, x => x.Name);
        var now = clock.GetUtcNow();
        var days = new AgreementDays((await directory.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id), now);

        var expiring = items.Where(i => days.ExpiringWithin(i, ExpiringWithinDays)).OrderBy(i => i.ExpiresOn).ToList();
        var evaluations = items.Where(days.EvaluationDue).OrderBy(i => i.EvaluationDueOn).ToList();
        var lateReviews = items.Where(i => i.Status == AgreementStatus.InReview && i.ReviewDueAt < now).OrderBy(i => i.ReviewDueAt).ToList();

        var byStatus = string.Concat(Enum.GetValues<AgreementStatus>().Select(s => (s, n: items.Count(i => i.Status == s))).Where(x => x.n > 0)
            .Select(x => Card(x.n, p.Status(x.s), $"/app/perjanjian?status={x.s}", "")));
        var byArea = string.Concat(Enum.GetValues<ProgramArea>().Select(a => (a, n: items.Count(i => i.Areas.Contains(a)))).Where(x => x.n > 0)
            .Select(x => Card(x.n, p.Area(x.a), $"/app/perjanjian?area={x.a}", "")));

        var body = $"""
            <div class="cards">
              {Card(items.Count, p.T("Semua perjanjian", "All agreements"), "/app/perjanjian", "")}
              {Card(expiring.Count, p.T($"Berakhir dalam {ExpiringWithinDays} hari", $"Expiring within {ExpiringWithinDays} days"), $"/app/perjanjian?expiringWithin={ExpiringWithinDays}", expiring.Count > 0 ? "warn" : "")}
              {Card(evaluations.Count, p.T("Evaluasi jatuh tempo", "Evaluations due"), "/app/perjanjian?evaluationDue=1", evaluations.Count > 0 ? "warn" : "")}
              {Card(lateReviews.Count, p.T("Reviu melewati batas", "Reviews past their deadline"), "/app/perjanjian?lateReview=1", lateReviews.Count > 0 ? "bad" : "")}
            </div>
            <h2>{E(p.T("Menurut status", "By status"))}</h2><div class="cards">{byStatus}</div>
            <h2>{E(p.T("Menurut bidang program", "By program area"))}</h2><div class="cards">{byArea}</div>
            <h2>{E(p.T("Akan berakhir", "Expiring soon"))}</h2>
            {Table(p, expiring, partners, i => p.Date(i.ExpiresOn), p.T("Berakhir", "Expires"))}
            <h2>{E(p.T("Evaluasi jatuh tempo atau terlambat", "Evaluations due or overdue"))}</h2>
            {Table(p, evaluations, partners, i => p.Date(i.EvaluationDueOn), p.T("Jatuh tempo", "Due"))}
            <h2>{E(p.T("Reviu menunggu melewati batas", "Approvals waiting past their deadline"))}</h2>
            {Table(p, lateReviews, partners, i => p.Date(i.ReviewDueAt is { } d ? days.DateOf(i, d) : null), p.T("Batas", "Deadline"))}
            """;
        return PageLayout.Page(http, p, p.T("Dasbor", "Dashboard"), body);
    }

    private static string Card(int count, string label, string href, string css) =>
        $"""<a class="card {css}" href="{E(href)}"><strong>{count}</strong>{E(label)}</a>""";

    public static string Table(PageContext p, IReadOnlyList<AgreementSummary> rows, IReadOnlyDictionary<string, string> partners, Func<AgreementSummary, string> when, string whenLabel)
    {
        if (rows.Count == 0) return $"""<p class="muted">{E(p.T("Tidak ada.", "None."))}</p>""";
        var body = string.Concat(rows.Select(i => $"""
            <tr><td><a href="/app/perjanjian/{E(i.Id)}">{E(i.Title)}</a></td><td>{E(partners.GetValueOrDefault(i.PartnerId, i.PartnerId))}</td>
            <td><span class="badge {i.Status}">{E(p.Status(i.Status))}</span>{(i.Imported ? $" <span class=\"badge imported\">{E(p.T("Impor", "Imported"))}</span>" : "")}</td><td>{E(when(i))}</td></tr>
            """));
        return $"""
            <table class="wide"><thead><tr><th>{E(p.T("Judul", "Title"))}</th><th>{E(p.T("Mitra", "Partner"))}</th><th>{E(p.T("Status", "Status"))}</th><th>{E(whenLabel)}</th></tr></thead>
            <tbody>{body}</tbody></table>
            """;
    }
}
