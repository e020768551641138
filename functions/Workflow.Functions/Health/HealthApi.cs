using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Health;

public sealed record HealthResponse(string Status, string Storage);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Check).WithTags("Health").ProducesProblem(503).AllowAnonymous()
            .WithName("getHealth").WithSummary("Whether storage answers");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Check(StorageClients storage, ILogger<HealthResponse> logger, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await foreach (var _ in storage.Agreements.QueryAsync<TableEntity>("PartitionKey eq 'health'", maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
                break;
            return TypedResults.Ok(new HealthResponse("ok", "reachable"));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            // The storage's own message names hosts and accounts: it goes to the log, not to whoever asks.
            logger.LogWarning(e, "Health check: storage not reachable");
            return TypedResults.Problem(title: "Penyimpanan tidak dapat dijangkau", detail: "Coba lagi sebentar lagi.", statusCode: 503);
        }
    }
}
