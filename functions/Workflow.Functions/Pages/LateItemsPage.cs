using Workflow.Core;
using Workflow.Functions.Agreements;

namespace Workflow.Functions.Pages;

/// <summary>
/// Monev for a Kanwil (or an institution, or an admin): per institution in the caller's scope, the running agreements
/// with an action-plan item whose target date has passed unfinished, each with those items. The list's projection says
/// which agreements; only those are opened, for their items.
/// </summary>
public static class LateItemsPage
{
    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct)
    {
        var p = PageContext.From(http);
        var look = await AgreementListQuery.Lookups.ReadAsync(s, ct);
        var late = new List<Row>();
        await foreach (var i in s.Queries.AllAsync(AgreementQueries.Scope(new AgreementFilter(null, null, null, AgreementStatus.Active, null), p.Caller), ct))
        {
            if (!look.Days.ItemsLate(i)) continue;
            var a = (await s.Store.GetAsync(i.Id, ct)).Agreement;
            var today = a.Today(look.Now);
            late.Add(new Row(i, look.Partners.GetValueOrDefault(i.PartnerId)?.Name ?? i.PartnerId, [.. a.ActionPlan.Where(item => item.IsLate(today))]));
        }
        var byInstitution = late.GroupBy(r => r.Agreement.InstitutionId)
            .Select(g => new LateAtInstitution(g.Key, look.Institutions.GetValueOrDefault(g.Key)?.Name ?? g.Key, [.. g.OrderBy(r => r.Items.Min(i => i.DueOn))]))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return PageLayout.View<Views.LateItemsView>(http, new Dictionary<string, object?> { ["Page"] = p, ["Institutions"] = byInstitution });
    }

    public sealed record Row(AgreementSummary Agreement, string Partner, IReadOnlyList<ActionItem> Items);

    public sealed record LateAtInstitution(string Id, string Name, IReadOnlyList<Row> Agreements);
}
