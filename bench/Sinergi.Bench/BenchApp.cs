using System.Diagnostics;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.IntegrationTests.Infrastructure;

namespace Sinergi.Bench;

/// <summary>The Sinergi app hosted in this process on a loopback port, as <c>./run</c> runs it, with the bench's settings.</summary>
public sealed class BenchApp(WebApplication app, string url) : IAsyncDisposable
{
    public const string SigningKey = "sinergi-bench-signing-key-0123456789abcdef";
    public const long MaxDocumentBytes = 64L << 20;

    public string Url => url;
    public IServiceProvider Services => app.Services;
    /// <summary>Requests to the agreement record's storage (state, events, outbox, lists, documents, the dispatch queue).</summary>
    public long StorageRequests => app.Services.GetRequiredService<StorageRequestCounter>().Count;
    /// <summary>Requests to the task hub's storage (the orchestrations' queues, tables and blobs), the sidecar's.</summary>
    public long TaskHubRequests => app.Services.GetRequiredService<TaskHubRequestCounter>().Count;

    /// <param name="backgroundLoops">The app polls its dispatch queue itself (else the bench dispatches, as the host's queue trigger would).</param>
    /// <param name="orchestrations">The app runs the agreements' orchestrations (its DurableTask worker).</param>
    public static Dictionary<string, string?> Settings(string storage, string emailSink, bool backgroundLoops, bool orchestrations = false) => new()
    {
        ["Storage:ConnectionString"] = storage,
        ["Auth:DevTokens"] = "true",
        ["Auth:DevSigningKey"] = SigningKey,
        ["Documents:MaxBytes"] = MaxDocumentBytes.ToString(),
        ["Email:Transport"] = "SendGrid",
        ["Email:From"] = "sinergi@sinergi.example",
        ["SendGrid:ApiKey"] = "SG.bench",
        ["SendGrid:Host"] = emailSink,
        ["Approvals:PublicBaseUrl"] = "http://localhost:7071",
        ["Approvals:SigningKey"] = "sinergi-bench-approval-link-key-0123456789",
        ["Engine:RunBackgroundLoops"] = backgroundLoops ? "true" : "false",
        ["Process:RunWorker"] = backgroundLoops || orchestrations ? "true" : "false",
        ["Engine:SweepIntervalSeconds"] = "86400", // the bench runs the sweep itself
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Builds and starts the app; answers it and the time from the start of the build to its first answered request.</summary>
    public static async Task<(BenchApp App, TimeSpan FirstAnswer)> StartAsync(Dictionary<string, string?> settings)
    {
        var clock = Stopwatch.StartNew();
        var app = SinergiApp.Build(["--environment", "Development", "--contentRoot", AppContext.BaseDirectory], settings);
        // Port 0: the system picks a free one as it binds (a port picked beforehand may be taken by then, tests run beside).
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var url = app.Urls.First();
        await AppProcess.WaitForHealthAsync(url, () => false);
        return (new BenchApp(app, url), clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
