using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sinergi.Bench;

/// <summary>A local server in SendGrid's place: notes when each email was handed over, and to whom.</summary>
public sealed class EmailSink : IAsyncDisposable
{
    public sealed record Received(DateTimeOffset At, string OutboxId, string To, string Subject);

    private readonly WebApplication app;

    public ConcurrentQueue<Received> Emails { get; } = new();
    public string Url { get; private set; } = "";

    private EmailSink()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v3/mail/send", async (HttpContext http) =>
        {
            var at = DateTimeOffset.UtcNow;
            var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
            var personalization = body["personalizations"]![0]!;
            Emails.Enqueue(new Received(at,
                personalization["custom_args"]?["outboxId"]?.GetValue<string>() ?? "",
                personalization["to"]![0]!["email"]!.GetValue<string>(),
                body["subject"]?.GetValue<string>() ?? ""));
            return Results.StatusCode(202);
        });
    }

    public static async Task<EmailSink> StartAsync()
    {
        var sink = new EmailSink();
        await sink.app.StartAsync();
        sink.Url = sink.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
