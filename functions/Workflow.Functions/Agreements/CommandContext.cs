using System.Text.Json;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Who runs a command, what they may touch, and the retry key that makes it idempotent.</summary>
public sealed record CommandContext(Actor Actor, Action<Agreement> Authorize, IdempotencyRecord? Key)
{
    public static readonly Actor SystemActor = new("sistem@sinergi.local", "Sinergi");

    public static CommandContext System() => new(SystemActor, _ => { }, null);

    /// <summary>A user's JSON command; by default the user must be allowed to change the agreement.</summary>
    public static CommandContext ForUser(HttpContext http, string operation, object? request, Action<Caller, Agreement>? authorize = null) =>
        For(http, operation, request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), SinergiJson.Options), authorize);

    /// <summary>A command that came as a multipart upload: the request is its fields and the file's hash.</summary>
    public static CommandContext ForUpload(HttpContext http, string operation, MultipartUpload form, Action<Caller, Agreement>? authorize = null) =>
        For(http, operation, UploadCommand.RequestText(form), authorize);

    private static CommandContext For(HttpContext http, string operation, string requestText, Action<Caller, Agreement>? authorize)
    {
        var caller = http.Caller();
        var check = authorize ?? ((c, a) => c.EnsureCanWrite(a));
        return new CommandContext(http.Actor(), a => check(caller, a), KeyFrom(http, caller, operation, requestText));
    }

    /// <summary>
    /// The key is scoped to the caller and the operation; the request hash makes a reused key
    /// with a different request a 422 rather than a silent replay.
    /// </summary>
    public static IdempotencyRecord? KeyFrom(HttpContext http, Caller caller, string operation, string requestText)
    {
        var header = http.Request.Headers["Idempotency-Key"].ToString();
        if (header.Length == 0) return null;
        if (header.Length > 200 || header.Any(c => c < 0x21 || c > 0x7e))
            throw DomainValidationException.For("Idempotency-Key", "Paling banyak 200 karakter ASCII yang terlihat.");
        return new IdempotencyRecord(
            EventChain.Sha256Hex($"{caller.Email}\n{operation}\n{header}"),
            EventChain.Sha256Hex(requestText));
    }

    /// <summary>The id a create with this key always gets, so a retried create finds its first answer.</summary>
    public string NewAgreementId() => NewAgreementId(Key);

    public static string NewAgreementId(IdempotencyRecord? key) => key is null ? Ids.NewAgreementId() : "agr-" + key.KeyHash[..20];
}
