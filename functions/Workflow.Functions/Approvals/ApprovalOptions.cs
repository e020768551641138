using Microsoft.Extensions.Options;

namespace Workflow.Functions.Approvals;

public sealed class ApprovalOptions
{
    public const string Section = "Approvals";
    /// <summary>Where officials reach the app: the links in emails start with it (e.g. https://sinergi.example.go.id).</summary>
    public Uri? PublicBaseUrl { get; set; }
    public string SigningKey { get; set; } = "";
    /// <summary>The key before the last rotation: links signed with it still work until they expire.</summary>
    public string? PreviousSigningKey { get; set; }
    public int LinkLifetimeDays { get; set; } = 14;
    /// <summary>How long a partner's link (its page for the agreement) works, unless revoked or replaced first.</summary>
    public int PartnerLinkLifetimeDays { get; set; } = 90;
}

internal sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions o)
    {
        if (o.PublicBaseUrl is null || !o.PublicBaseUrl.IsAbsoluteUri || o.PublicBaseUrl.Scheme is not ("http" or "https"))
            return ValidateOptionsResult.Fail("Setting 'Approvals:PublicBaseUrl' is missing or not an absolute http(s) URL.");
        if (o.SigningKey.Length < 32) return ValidateOptionsResult.Fail("Setting 'Approvals:SigningKey' is missing or shorter than 32 characters.");
        if (o.PreviousSigningKey is { Length: > 0 and < 32 }) return ValidateOptionsResult.Fail("Setting 'Approvals:PreviousSigningKey' is shorter than 32 characters.");
        if (o.LinkLifetimeDays is < 1 or > 90) return ValidateOptionsResult.Fail("Setting 'Approvals:LinkLifetimeDays' must be 1-90.");
        if (o.PartnerLinkLifetimeDays is < 1 or > 366) return ValidateOptionsResult.Fail("Setting 'Approvals:PartnerLinkLifetimeDays' must be 1-366.");
        return ValidateOptionsResult.Success;
    }
}
