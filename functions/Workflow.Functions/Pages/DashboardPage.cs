using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>What needs attention in the caller's scope; each number links to the list behind it.</summary>
public static class DashboardPage
{
    public const int ExpiringWithinDays = 90;

    /// <summary>How many rows each of the dashboard's tables shows; its card links to the whole list.</summary>
    public const int Shown = 10;

    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var look = await AgreementListQuery.Lookups.ReadAsync(s, ct);
        var (days, now) = (look.Days, look.Now);
        var partners = (await s.Directory.ListPartnersAsync(Directory.PartnersApi.ReadScopes(p.Caller), ct)).ToDictionary(x => x.Id, x => x.Name);

        // Counted over the whole set as it streams by; only the first rows of each table are kept.
        var (all, byStatus, byArea) = (0, new Dictionary<AgreementStatus, int>(), new Dictionary<ProgramArea, int>());
        var expiring = new Earliest(i => i.ExpiresOn?.ToDateTime(TimeOnly.MinValue));
        var evaluations = new Earliest(i => i.EvaluationDueOn?.ToDateTime(TimeOnly.MinValue));
        var lateReviews = new Earliest(i => i.ReviewDueAt?.UtcDateTime);
        await foreach (var i in s.Queries.AllAsync(AgreementQueries.Scope(new AgreementFilter(null, null, null, null, null), p.Caller), ct))
        {
            all++;
            byStatus[i.Status] = byStatus.GetValueOrDefault(i.Status) + 1;
            foreach (var area in i.Areas.Distinct()) byArea[area] = byArea.GetValueOrDefault(area) + 1;
            if (days.ExpiringWithin(i, ExpiringWithinDays)) expiring.Add(i);
            if (days.EvaluationDue(i)) evaluations.Add(i);
            if (i.Status == AgreementStatus.InReview && i.ReviewDueAt < now) lateReviews.Add(i);
        }

        var statusCards = string.Concat(Enum.GetValues<AgreementStatus>().Where(byStatus.ContainsKey)
            .Select(x => Card(byStatus[x], p.Status(x), $"/app/perjanjian?status={x}", "")));
        var areaCards = string.Concat(Enum.GetValues<ProgramArea>().Where(byArea.ContainsKey)
            .Select(x => Card(byArea[x], p.Area(x), $"/app/perjanjian?area={x}", "")));

        var body = $"""
            <div class="cards">
              {Card(all, p.T("Semua perjanjian", "All agreements"), "/app/perjanjian", "")}
              {Card(expiring.Count, p.T($"Berakhir dalam {ExpiringWithinDays} hari", $"Expiring within {ExpiringWithinDays} days"), $"/app/perjanjian?expiringWithin={ExpiringWithinDays}", expiring.Count > 0 ? "warn" : "")}
              {Card(evaluations.Count, p.T("Evaluasi jatuh tempo", "Evaluations due"), "/app/perjanjian?evaluationDue=1", evaluations.Count > 0 ? "warn" : "")}
              {Card(lateReviews.Count, p.T("Reviu melewati batas", "Reviews past their deadline"), "/app/perjanjian?lateReview=1", lateReviews.Count > 0 ? "bad" : "")}
            </div>
            <h2>{E(p.T("Menurut status", "By status"))}</h2><div class="cards">{statusCards}</div>
            <h2>{E(p.T("Menurut bidang program", "By program area"))}</h2><div class="cards">{areaCards}</div>
            <h2>{E(p.T("Akan berakhir", "Expiring soon"))}</h2>
            {Table(p, expiring.Rows, partners, i => p.Date(i.ExpiresOn), p.T("Berakhir", "Expires"))}{More(p, expiring, $"/app/perjanjian?expiringWithin={ExpiringWithinDays}")}
            <h2>{E(p.T("Evaluasi jatuh tempo atau terlambat", "Evaluations due or overdue"))}</h2>
            {Table(p, evaluations.Rows, partners, i => p.Date(i.EvaluationDueOn), p.T("Jatuh tempo", "Due"))}{More(p, evaluations, "/app/perjanjian?evaluationDue=1")}
            <h2>{E(p.T("Reviu menunggu melewati batas", "Approvals waiting past their deadline"))}</h2>
            {Table(p, lateReviews.Rows, partners, i => p.Date(i.ReviewDueAt is { } d ? days.DateOf(i, d) : null), p.T("Batas", "Deadline"))}{More(p, lateReviews, "/app/perjanjian?lateReview=1")}
            """;
        return PageLayout.Page(http, p, p.T("Dasbor", "Dashboard"), body);
    }

    private static string More(PageContext p, Earliest list, string href) => list.Count <= Shown ? "" :
        $"""<p><a href="{E(href)}">{E(p.T($"Semua {list.Count}", $"All {list.Count}"))} &rarr;</a></p>""";

    /// <summary>The <see cref="Shown"/> rows that come first by a date, of any number streamed by, and how many there were.</summary>
    private sealed class Earliest(Func<AgreementSummary, DateTime?> when)
    {
        private readonly SortedSet<AgreementSummary> rows = new(Comparer<AgreementSummary>.Create((x, y) =>
            Nullable.Compare(when(x), when(y)) is var c and not 0 ? c : StringComparer.Ordinal.Compare(x.Id, y.Id)));

        public int Count { get; private set; }
        public IReadOnlyList<AgreementSummary> Rows => [.. rows];

        public void Add(AgreementSummary row)
        {
            Count++;
            rows.Add(row);
            if (rows.Count > Shown) rows.Remove(rows.Max!);
        }
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
