using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>
/// A local HTTP server in the place of the SendGrid v3 API: it records each <c>POST /v3/mail/send</c>
/// and answers with the next status code it was given (202 when none is left).
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    public sealed record Request(string? Authorization, string? ContentType, JsonObject Body, int AnsweredWith)
    {
        public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

        public string OutboxId => Body["personalizations"]?[0]?["custom_args"]?["outboxId"]?.GetValue<string>() ?? "";
    }

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers = new();

    public ConcurrentQueue<Request> Requests { get; } = new();
    public string Url { get; private set; } = "";

    public int Accepted => Requests.Count(r => r.AnsweredWith == 202);

    private FakeSendGrid()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v3/mail/send", async (HttpContext http) =>
        {
            var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!.AsObject();
            var status = answers.TryDequeue(out var next) ? next : 202;
            Requests.Enqueue(new Request(http.Request.Headers.Authorization, http.Request.ContentType, body, status));
            return status == 202 ? Results.StatusCode(202) : Results.Json(new { errors = new[] { new { message = $"answered {status}" } } }, statusCode: status);
        });
    }

    public static async Task<FakeSendGrid> StartAsync()
    {
        var server = new FakeSendGrid();
        await server.app.StartAsync();
        server.Url = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) answers.Enqueue(status);
    }

    public async Task WaitForAsync(Func<FakeSendGrid, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"SendGrid server saw {Requests.Count} requests.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
