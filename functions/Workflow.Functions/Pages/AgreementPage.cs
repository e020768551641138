using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Pages;

/// <summary>Everything about one agreement: parties, scope, related agreements, documents, reviews, plan, evaluations, timers, history.</summary>
public static class AgreementPage
{
    public static async Task<IResult> ShowAsync(string id, HttpContext http, PageServices services, CancellationToken ct, FormState? form = null, int status = 200, string? notice = null)
    {
        var (store, queries, directory, policy, clock) = (services.Store, services.Queries, services.Directory, services.Policy, services.Clock);
        var p = PageContext.From(http);
        var read = await store.GetAsync(Ids.Route(id), ct);
        p.Caller.EnsureCanRead(read.Agreement);
        var (stored, events) = await store.WithEventsAsync(read, ct);
        var a = stored.Agreement;
        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct);
        var partner = await directory.FindPartnerAsync(a, ct);
        var history = HistoryResponse.Verify(stored, events);
        var record = StoredEvents.Fold(events);
        var officials = await directory.OfficialsAsync(a, ct);
        var children = new List<AgreementSummary>();
        await foreach (var i in queries.AllAsync(AgreementQueries.Scope(new AgreementFilter(a.InstitutionId, null, null, null, null), p.Caller), ct))
            if (i.ParentAgreementId == a.Id) children.Add(i);
        var model = new Model(a, institution, partner, children, record, history, a.UpcomingTimers(clock.GetUtcNow(), policy),
            p.Caller.MovesFor(a, clock.GetUtcNow()), officials, form ?? FormState.Empty, notice, clock.GetUtcNow());
        return PageLayout.View<Views.AgreementView>(http, new Dictionary<string, object?> { ["Page"] = p, ["Model"] = model }, status);
    }

    /// <summary>What the page shows, read before it is rendered.</summary>
    public sealed record Model(
        Agreement Agreement, Institution? Institution, Partner? Partner, IReadOnlyList<AgreementSummary> Children, AgreementHistory Record,
        HistoryResponse History, IReadOnlyList<ScheduledTimer> Timers, IReadOnlyList<MoveOption> Moves,
        (IReadOnlyList<Official> Institution, IReadOnlyList<Official> Kanwil) Officials, FormState Form, string? Notice, DateTimeOffset Now)
    {
        public DateOnly Today => Agreement.Today(Now);
    }
}
