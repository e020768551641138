using System.Diagnostics;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.BrowserTests;

/// <summary>The built app as its own process on a free loopback port (Testing environment), so a real browser can reach it.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    public Uri BaseUrl { get; }

    private AppProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public static async Task<AppProcess> StartAsync(string storage, int smtpPort)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!); // bin/{Debug,Release}/net10.0
        var app = Path.Combine(AzuriteProcess.RepositoryRoot(), "functions", "Workflow.Functions", "bin", configuration, "net10.0", "Workflow.Functions.dll");
        var port = NodeService.FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(app)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(app);
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                     ["ASPNETCORE_URLS"] = baseUrl.ToString(),
                     ["Storage__ConnectionString"] = storage,
                     ["Auth__DevTokens"] = "true",
                     ["Auth__DevSigningKey"] = SinergiFactory.SigningKey,
                     ["Email__From"] = "sinergi@sinergi.example",
                     ["Smtp__Host"] = "127.0.0.1",
                     ["Smtp__Port"] = smtpPort.ToString(),
                     ["Approvals__PublicBaseUrl"] = baseUrl.ToString(),
                     ["Approvals__SigningKey"] = SinergiFactory.ApprovalKey,
                     ["Engine__QueuePollMilliseconds"] = "50",
                     ["Logging__LogLevel__Default"] = "Warning",
                 })
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = new AppProcess(process, baseUrl);
        using var http = new HttpClient();
        for (var i = 0; ; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(new Uri(baseUrl, "/health"))).IsSuccessStatusCode) return started;
            }
            catch (HttpRequestException) when (i < 300) { }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
