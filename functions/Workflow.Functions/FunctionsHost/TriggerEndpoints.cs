using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Functions.Dispatch;

namespace Workflow.Functions.FunctionsHost;

/// <summary>What the Functions host posts to a custom handler for a non-HTTP trigger.</summary>
public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

/// <summary>What a custom handler answers: no output bindings here, the logs for the host, no return value.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>
/// The trigger functions (functions/Sweep, functions/Dispatch) as the host calls them: <c>POST /{FunctionName}</c>.
/// Mapped only under the Functions host, where the app listens on loopback and the public reaches it only
/// through the HTTP functions' routes (api/…, approvals/…, health, openapi/…), none of which is one of these.
/// </summary>
public static class TriggerEndpoints
{
    public const string SweepFunction = "Sweep";
    public const string DispatchFunction = "Dispatch";
    public const string DispatchBinding = "message";

    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder app)
    {
        if (!FunctionsHosting.IsUnderFunctionsHost(app.ServiceProvider.GetRequiredService<IConfiguration>())) return app;
        var group = app.MapGroup("").ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        group.MapPost($"/{SweepFunction}", RunSweep);
        group.MapPost($"/{DispatchFunction}", RunDispatch);
        return app;
    }

    private static async Task<Ok<InvocationResponse>> RunSweep(InvocationRequest invocation, Sweep sweep, CancellationToken ct)
    {
        var result = await sweep.RunAsync(ct);
        var logs = result.Ran
            ? new[] { $"Sweep fired {result.FiredTimers.Count} timers and put {result.RequeuedNotices.Count} failed dispatch notices back in line." }
            : ["Sweep skipped: another instance holds the lease."];
        return TypedResults.Ok(new InvocationResponse([], logs, null));
    }

    private static async Task<Results<Ok<InvocationResponse>, BadRequest<InvocationResponse>, JsonHttpResult<InvocationResponse>>> RunDispatch(
        InvocationRequest invocation, NoticeHandler notices, ILogger<NoticeHandler> logger, CancellationToken ct)
    {
        var text = MessageText(invocation);
        var (_, parsed) = DispatchMessage.Parse(text);
        if (parsed.Count == 0 || !parsed.All(n => Hosting.Ids.IsSlug(n.AgreementId)))
            return TypedResults.BadRequest(new InvocationResponse([], [$"Queue message is not a list of agreement notices: '{text}'."], null));
        try
        {
            var rows = await notices.HandleAsync(text!, ct);
            return TypedResults.Ok(new InvocationResponse([], [$"Dispatched {rows} outbox rows of {string.Join(", ", parsed.Select(n => n.AgreementId))}."], null));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed invocation: the host makes the message visible again and retries it.
            logger.LogError(e, "Dispatch of {AgreementIds} failed", text);
            return TypedResults.Json(new InvocationResponse([], [$"Dispatch of {text} failed: {e.Message}"], null), statusCode: 500);
        }
    }

    /// <summary>The host passes the queue message as a string, sometimes JSON-quoted once more.</summary>
    private static string? MessageText(InvocationRequest invocation)
    {
        if (invocation.Data is null || !invocation.Data.TryGetValue(DispatchBinding, out var value) || value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
    }
}
