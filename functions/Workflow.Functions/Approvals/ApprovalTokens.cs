using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Approvals;

/// <summary>What an approval link grants: one official's decision on one step of one review round, until it expires.</summary>
public sealed record ApprovalGrant(string AgreementId, int Round, int Step, string Email, DateTimeOffset ExpiresAt);

public enum TokenCheck { Valid, Expired, Invalid }

/// <summary>
/// Tokens are <c>base64url(json grant) "." base64url(HMAC-SHA256)</c>. The signing key comes from configuration;
/// the previous key is still accepted, so rotating the key does not break links already sent.
/// </summary>
public sealed class ApprovalTokens(IOptions<ApprovalOptions> options, TimeProvider clock)
{
    private const int MaxTokenLength = 2048;

    public string Issue(string agreementId, int round, int step, string email)
    {
        var grant = new ApprovalGrant(agreementId, round, step, email, clock.GetUtcNow().AddDays(options.Value.LinkLifetimeDays));
        var payload = JsonSerializer.SerializeToUtf8Bytes(grant, SinergiJson.Options);
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(payload, options.Value.SigningKey))}";
    }

    public Uri Link(string token, string? suffix = null) => new(options.Value.PublicBaseUrl!, $"approvals/{token}{suffix}");

    public (TokenCheck Check, ApprovalGrant? Grant) Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Split('.') is not [var payloadPart, var signaturePart])
            return (TokenCheck.Invalid, null);
        byte[] payload, signature;
        try
        {
            payload = WebEncoders.Base64UrlDecode(payloadPart);
            signature = WebEncoders.Base64UrlDecode(signaturePart);
        }
        catch (FormatException) { return (TokenCheck.Invalid, null); }

        if (!Matches(payload, signature, options.Value.SigningKey) && !(options.Value.PreviousSigningKey is { Length: > 0 } previous && Matches(payload, signature, previous)))
            return (TokenCheck.Invalid, null);
        ApprovalGrant? grant;
        try { grant = JsonSerializer.Deserialize<ApprovalGrant>(payload, SinergiJson.Options); }
        catch (JsonException) { return (TokenCheck.Invalid, null); }
        if (grant is null || !Ids.IsSlug(grant.AgreementId)) return (TokenCheck.Invalid, null);
        return (grant.ExpiresAt <= clock.GetUtcNow() ? TokenCheck.Expired : TokenCheck.Valid, grant);
    }

    private static bool Matches(byte[] payload, byte[] signature, string key) =>
        CryptographicOperations.FixedTimeEquals(Sign(payload, key), signature);

    private static byte[] Sign(byte[] payload, string key) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload);
}
