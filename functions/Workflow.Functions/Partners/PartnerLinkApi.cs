using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Partners;

public static class PartnerLinkApi
{
    public static IEndpointRouteBuilder MapPartnerLinkApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agreements/{id}/partner-link").RequireAuthorization().WithTags("Agreements").WithBodyLimit(BodyLimit.Json);
        group.MapPost("/", Issue).Produces<PartnerLinkResponse>(201).ProducesProblem(404).ProducesProblem(409)
            .WithName("issuePartnerLink").WithSummary("Send the partner's contact a link to the agreement's page for partners (replaces any earlier link)");
        group.MapDelete("/", Revoke).Produces(204).ProducesProblem(404).ProducesProblem(409)
            .WithName("revokePartnerLink").WithSummary("Revoke the partner's link");
        return app;
    }

    private static async Task<StoredResponseResult> Issue(string id, HttpContext http, AgreementStore store, AgreementEngine engine, PartnerLinks links, CancellationToken ct)
    {
        http.Caller().EnsureCanWrite((await store.GetForCommandAsync(Ids.Route(id), ct)).Agreement);
        return (await links.IssueAsync(id, CommandContext.ForUser(http, "partner-link", id, null), engine, ct)).ToResult();
    }

    private static async Task<IResult> Revoke(string id, HttpContext http, AgreementStore store, AgreementEngine engine, CancellationToken ct)
    {
        http.Caller().EnsureCanWrite((await store.GetForCommandAsync(Ids.Route(id), ct)).Agreement);
        await engine.ExecuteAsync(id, CommandContext.ForUser(http, "partner-link-revoke", id, null, wantsAnswer: false),
            (a, now) => Change.Of(a.RevokePartnerLink(http.Actor(), now)), ct);
        return TypedResults.NoContent();
    }
}
