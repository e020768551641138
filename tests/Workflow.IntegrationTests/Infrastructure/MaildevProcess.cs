using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A real SMTP catcher (maildev) on free loopback ports, with its own mail folder; read through its REST API.</summary>
public sealed class MaildevProcess : IAsyncDisposable
{
    private readonly NodeService node;
    private readonly HttpClient web;

    public int SmtpPort { get; }

    /// <summary>maildev's web address, whose <c>api/email</c> lists what it caught.</summary>
    public string WebUrl => web.BaseAddress!.ToString();

    private MaildevProcess(NodeService node, int smtpPort, int webPort)
    {
        this.node = node;
        SmtpPort = smtpPort;
        web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public static async Task<MaildevProcess> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await StartOnFreePortsAsync(); }
            catch (InvalidOperationException) when (attempt < 3) { }
        }
    }

    private static async Task<MaildevProcess> StartOnFreePortsAsync()
    {
        var (smtp, webPort) = (NodeService.FreePort(), NodeService.FreePort());
        var node = await NodeService.StartAsync("maildev/dist/bin/maildev.js",
            ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", $"{smtp}", "--web", $"{webPort}", "--mail-directory", "{data}"],
            smtp, webPort);
        return new MaildevProcess(node, smtp, webPort);
    }

    public async Task<IReadOnlyList<JsonObject>> AllAsync() =>
        (await web.GetFromJsonAsync<JsonArray>("api/email"))!.Select(e => e!.AsObject()).ToList();

    /// <summary>The emails to one address, oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> ToAsync(string address) =>
        (await AllAsync()).Where(e => e["to"]!.AsArray().Any(t => string.Equals(t!["address"]!.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(e => e["time"]!.GetValue<DateTime>()).ToList();

    /// <summary>Waits for the <paramref name="count"/>-th email to an address (the dispatcher sends after the commit).</summary>
    public async Task<JsonObject> WaitForAsync(string address, int count = 1, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var mails = await ToAsync(address);
            if (mails.Count >= count) return mails[count - 1];
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No email #{count} to {address} within {seconds} s (got {mails.Count}).");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        web.Dispose();
        await node.DisposeAsync();
    }
}
