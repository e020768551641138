using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>The built app as its own process, as a deployment runs it. It can be killed and started again on the same port.</summary>
public sealed class AppProcess(IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public int Port { get; } = NodeService.FreePort();
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The app built beside these tests (bin/{Debug,Release}/net10.0).</summary>
    public static string AppDll
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
            return Path.Combine(AzuriteProcess.RepositoryRoot(), "functions", "Workflow.Functions", "bin", configuration, "net10.0", "Workflow.Functions.dll");
        }
    }

    /// <summary>What the app needs in the Testing environment, as environment variables.</summary>
    public static Dictionary<string, string> TestingSettings(string storageConnectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Storage__ConnectionString"] = storageConnectionString,
        ["Auth__DevTokens"] = "true",
        ["Auth__DevSigningKey"] = SinergiFactory.SigningKey,
        ["Email__From"] = "sinergi@sinergi.example",
        ["Smtp__Host"] = "127.0.0.1",
        ["Approvals__PublicBaseUrl"] = SinergiFactory.PublicBaseUrl,
        ["Approvals__SigningKey"] = SinergiFactory.ApprovalKey,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppDll)! };
        info.ArgumentList.Add(AppDll);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        return info;
    }

    /// <summary>Starts the app (with these extra settings this time) and waits until it answers <c>/health</c> with 200.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = Url };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) environment[k] = v;
        process = Process.Start(StartInfo(environment))!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app stopped at start:\n{string.Join('\n', output)}");
            try
            {
                if ((await http.GetAsync($"{Url}/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { /* not listening yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not answer /health within 60 s:\n{string.Join('\n', output)}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, as a crash or a scale-in would: nothing gets to finish.</summary>
    public async Task KillAsync()
    {
        if (process is null) return;
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
