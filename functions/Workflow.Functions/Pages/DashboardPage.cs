using Workflow.Core;
using Workflow.Functions.Agreements;

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
        var partners = look.Partners.ToDictionary(x => x.Key, x => x.Value.Name);

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

        var model = new Model(all, [.. Enum.GetValues<AgreementStatus>().Where(byStatus.ContainsKey).Select(x => (x, byStatus[x]))],
            [.. Enum.GetValues<ProgramArea>().Where(byArea.ContainsKey).Select(x => (x, byArea[x]))], expiring, evaluations, lateReviews, partners,
            i => p.Date(i.ReviewDueAt is { } d ? days.DateOf(i, d) : null));
        return PageLayout.View<Views.DashboardView>(http, new Dictionary<string, object?> { ["Page"] = p, ["Model"] = model });
    }

    /// <summary>The dashboard's numbers and its three short tables, as <see cref="Views.DashboardView"/> shows them.</summary>
    public sealed record Model(
        int All, IReadOnlyList<(AgreementStatus Status, int Count)> ByStatus, IReadOnlyList<(ProgramArea Area, int Count)> ByArea,
        Earliest Expiring, Earliest Evaluations, Earliest LateReviews, IReadOnlyDictionary<string, string> Partners,
        Func<AgreementSummary, string> ReviewDeadline);

    /// <summary>The <see cref="Shown"/> rows that come first by a date, of any number streamed by, and how many there were.</summary>
    public sealed class Earliest(Func<AgreementSummary, DateTime?> when)
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
}
