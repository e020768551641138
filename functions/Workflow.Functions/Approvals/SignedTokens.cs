using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Approvals;

public enum TokenCheck { Valid, Expired, Invalid }

/// <summary>A grant a signed link carries: until when it holds.</summary>
public interface IExpiringGrant
{
    DateTimeOffset ExpiresAt { get; }
}

/// <summary>
/// Links that need no account: <c>base64url(json grant) "." base64url(HMAC-SHA256)</c>, signed with the key from
/// configuration (the previous key is still accepted, so rotating it does not break links already sent). Each kind of
/// link signs under its own purpose, so a token of one kind is never taken for another.
/// </summary>
public sealed class SignedTokens(IOptions<ApprovalOptions> options, TimeProvider clock)
{
    private const int MaxTokenLength = 2048;

    public string Issue<TGrant>(string purpose, TGrant grant)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(grant, SinergiJson.Options);
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(purpose, payload, options.Value.SigningKey))}";
    }

    public (TokenCheck Check, TGrant? Grant) Verify<TGrant>(string purpose, string? token) where TGrant : class, IExpiringGrant
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

        if (!Matches(purpose, payload, signature, options.Value.SigningKey)
            && !(options.Value.PreviousSigningKey is { Length: > 0 } previous && Matches(purpose, payload, signature, previous)))
            return (TokenCheck.Invalid, null);
        TGrant? grant;
        try { grant = JsonSerializer.Deserialize<TGrant>(payload, SinergiJson.Options); }
        catch (JsonException) { return (TokenCheck.Invalid, null); }
        if (grant is null) return (TokenCheck.Invalid, null);
        return (grant.ExpiresAt <= clock.GetUtcNow() ? TokenCheck.Expired : TokenCheck.Valid, grant);
    }

    /// <summary>A link under the public base URL.</summary>
    public Uri Link(string path) => new(options.Value.PublicBaseUrl!, path);

    private static bool Matches(string purpose, byte[] payload, byte[] signature, string key) =>
        CryptographicOperations.FixedTimeEquals(Sign(purpose, payload, key), signature);

    // Approval links were signed over the payload alone before other kinds of link existed; they stay so.
    private static byte[] Sign(string purpose, byte[] payload, string key) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), purpose.Length == 0 ? payload : [.. Encoding.UTF8.GetBytes(purpose + "\n"), .. payload]);
}
