using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Approvals;

namespace Workflow.Functions.Partners;

/// <summary>What a partner's link grants: its agreement's page for partners, while the link is the agreement's current one.</summary>
public sealed record PartnerGrant(string AgreementId, string LinkId, DateTimeOffset ExpiresAt) : IExpiringGrant;

/// <summary>The answer to making a partner's link: where it leads, and until when.</summary>
public sealed record PartnerLinkResponse(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Partner links (<c>/mitra/{token}</c>), signed by <see cref="SignedTokens"/> under their own purpose. The token holds the
/// link's id; the agreement keeps the id of its current link, so revoking or replacing it makes every older token void.
/// The same link always gives the same token, so the e-mail can write it again from the agreement.
/// </summary>
public sealed class PartnerLinks(SignedTokens tokens, IOptions<ApprovalOptions> options, TimeProvider clock)
{
    private const string Purpose = "partner-link";

    public Uri Url(string agreementId, PartnerLink link) => tokens.Link($"mitra/{tokens.Issue(Purpose, new PartnerGrant(agreementId, link.Id, link.ExpiresAt))}");

    public (TokenCheck Check, PartnerGrant? Grant) Verify(string? token)
    {
        var (check, grant) = tokens.Verify<PartnerGrant>(Purpose, token);
        return grant is not null && !Hosting.Ids.IsSlug(grant.AgreementId) ? (TokenCheck.Invalid, null) : (check, grant);
    }

    /// <summary>The command behind <c>POST …/partner-link</c> and the page's button: a new link, which replaces any earlier one and is e-mailed.</summary>
    public Task<StoredResponse> IssueAsync(string id, CommandContext context, AgreementEngine engine, CancellationToken ct)
    {
        var linkId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var expiresAt = clock.GetUtcNow().AddDays(options.Value.PartnerLinkLifetimeDays);
        return engine.ExecuteAsync(id, context, (a, now) =>
        {
            var issued = a.IssuePartnerLink(linkId, expiresAt, context.Actor, now);
            return new Change([issued], Answer: (after, _, _) =>
                AgreementEngine.Json(201, new PartnerLinkResponse(Url(id, after.PartnerLink!).AbsoluteUri, expiresAt), $"/api/agreements/{id}"));
        }, ct);
    }
}
