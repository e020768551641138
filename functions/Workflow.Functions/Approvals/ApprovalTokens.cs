using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Approvals;

/// <summary>What an approval link grants: one official's decision on one step of one review round, until it expires.</summary>
public sealed record ApprovalGrant(string AgreementId, int Round, int Step, string Email, DateTimeOffset ExpiresAt) : IExpiringGrant;

/// <summary>Approval links (<c>/approvals/{token}</c>), signed by <see cref="SignedTokens"/>.</summary>
public sealed class ApprovalTokens(SignedTokens tokens, IOptions<ApprovalOptions> options, TimeProvider clock)
{
    private const string Purpose = ""; // the first kind of link: signed over its grant alone

    public string Issue(string agreementId, int round, int step, string email) =>
        tokens.Issue(Purpose, new ApprovalGrant(agreementId, round, step, email, clock.GetUtcNow().AddDays(options.Value.LinkLifetimeDays)));

    public Uri Link(string token, string? suffix = null) => tokens.Link($"approvals/{token}{suffix}");

    public (TokenCheck Check, ApprovalGrant? Grant) Verify(string? token)
    {
        var (check, grant) = tokens.Verify<ApprovalGrant>(Purpose, token);
        return grant is not null && !Ids.IsSlug(grant.AgreementId) ? (TokenCheck.Invalid, null) : (check, grant);
    }
}
