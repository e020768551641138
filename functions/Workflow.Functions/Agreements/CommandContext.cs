using System.Text.Json;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>
/// Who runs a command, what they may touch, and the retry key that makes it idempotent. <paramref name="WantsAnswer"/>:
/// the door shows the agreement as the command left it (the API does; a page, a link and the system do not).
/// <paramref name="SignalsProcess"/>: the agreement's orchestration is told (not when the orchestration itself runs it).
/// </summary>
/// <paramref name="Caller"/>: the person behind it, when there is one (their answer lists the moves open to them).
public sealed record CommandContext(
    Actor Actor, Action<Agreement> Authorize, IdempotencyRecord? Key, bool WantsAnswer = true, bool SignalsProcess = true, Caller? Caller = null)
{
    public static readonly Actor SystemActor = new("sistem@sinergi.local", "Sinergi");

    public static CommandContext System() => new(SystemActor, _ => { }, null, WantsAnswer: false);

    /// <summary>A command the agreement's orchestration makes (an activity): it needs no signal of its own doing.</summary>
    public static CommandContext Process() => new(SystemActor, _ => { }, null, WantsAnswer: false, SignalsProcess: false);

    /// <summary>
    /// A user's JSON command on <paramref name="target"/> (the agreement; empty for a new one); by default the user must
    /// be allowed to change the agreement. <paramref name="wantsAnswer"/>: false where the door does not show the agreement (a page).
    /// </summary>
    /// <param name="key">The retry key a page form carries (<c>formKey</c>); otherwise the <c>Idempotency-Key</c> header's.</param>
    public static CommandContext ForUser(HttpContext http, string operation, string target, object? request,
        Action<Caller, Agreement>? authorize = null, bool wantsAnswer = true, string? key = null) =>
        For(http, operation, target, request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), SinergiJson.Options), authorize, wantsAnswer, key);

    /// <summary>A command that came as a multipart upload: the request is its fields and the file's hash.</summary>
    public static CommandContext ForUpload(HttpContext http, string operation, string target, MultipartUpload form, bool wantsAnswer = true, string? key = null) =>
        For(http, operation, target, UploadCommand.RequestText(form), null, wantsAnswer, key);

    private static CommandContext For(HttpContext http, string operation, string target, string requestText, Action<Caller, Agreement>? authorize, bool wantsAnswer, string? key)
    {
        var caller = http.Caller();
        var check = authorize ?? ((c, a) => c.EnsureCanWrite(a));
        return new CommandContext(http.Actor(), a => check(caller, a), KeyFrom(http, caller, operation, target, requestText, key), wantsAnswer, Caller: caller);
    }

    /// <summary>
    /// The key is scoped to the caller, the operation and its target, so the same key sent elsewhere is a new request;
    /// the request hash makes a reused key with a different request a 422 rather than a silent replay.
    /// </summary>
    /// <summary>The idempotency header, and the longest key it may carry (visible ASCII only).</summary>
    public const string KeyHeader = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public static IdempotencyRecord? KeyFrom(HttpContext http, Caller caller, string operation, string target, string requestText, string? key = null)
    {
        var header = string.IsNullOrEmpty(key) ? http.Request.Headers[KeyHeader].ToString() : key;
        if (header.Length == 0) return null;
        if (header.Length > MaxKeyLength || header.Any(c => c < 0x21 || c > 0x7e))
            throw DomainValidationException.For(KeyHeader, $"Paling banyak {MaxKeyLength} karakter ASCII yang terlihat.");
        return new IdempotencyRecord(
            EventChain.Sha256Hex($"{caller.Email}\n{operation}\n{target}\n{header}"),
            EventChain.Sha256Hex(requestText));
    }

    /// <summary>The id a create with this key always gets, so a retried create finds its first answer.</summary>
    public string NewAgreementId() => NewAgreementId(Key);

    public static string NewAgreementId(IdempotencyRecord? key) => key is null ? Ids.NewAgreementId() : "agr-" + key.KeyHash[..20];
}
