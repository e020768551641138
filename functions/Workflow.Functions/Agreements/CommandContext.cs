using System.Text.Json;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Who runs a command, what they may touch, and the retry key that makes it idempotent.</summary>
public sealed record CommandContext(Actor Actor, Action<Agreement> Authorize, IdempotencyRecord? Key)
{
    public static readonly Actor SystemActor = new("sistem@sinergi.local", "Sinergi");

    public static CommandContext System() => new(SystemActor, _ => { }, null);

    /// <summary>
    /// A user's command. The key is scoped to the caller and the operation; the request hash makes
    /// a reused key with a different body a 422 rather than a silent replay.
    /// </summary>
    public static CommandContext ForUser(HttpContext http, string operation, object? request, Action<Caller, Agreement>? authorize = null)
    {
        var caller = http.Caller();
        return new CommandContext(
            http.Actor(),
            a => (authorize ?? ((c, ag) => c.EnsureCanWrite(ag)))(caller, a),
            KeyFrom(http, caller, operation, request is null ? "" : JsonSerializer.Serialize(request, request.GetType(), SinergiJson.Options)));
    }

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
    public string NewAgreementId() => Key is null ? Ids.NewAgreementId() : "agr-" + Key.KeyHash[..20];
}
