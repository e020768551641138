using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>
/// The built app as its own process, as a deployment runs it, on a free loopback port. It can be killed and started
/// again on the same port. The browser tests and the benchmark use it too.
/// </summary>
public sealed class AppProcess(IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    public int Port { get; } = NodeService.FreePort();
    public string Url => $"http://127.0.0.1:{Port}";
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>An assembly of this repository built in the same configuration as the caller (bin/{Debug,Release}/net10.0).</summary>
    public static string BuiltAssembly(string projectFolder, string assembly)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        return Path.Combine(AzuriteProcess.RepositoryRoot(), projectFolder, "bin", configuration, "net10.0", assembly);
    }

    public static string AppDll => BuiltAssembly(Path.Combine("functions", "Workflow.Functions"), "Workflow.Functions.dll");

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
        var started = Process.Start(StartInfo(environment))!;
        process = started;
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await WaitForHealthAsync(Url, () => started.HasExited, () => string.Join('\n', output));
    }

    /// <summary>Polls <c>/health</c> until it answers 200; gives up when <paramref name="stopped"/> or after 60 s.</summary>
    public static async Task WaitForHealthAsync(string url, Func<bool> stopped, Func<string>? diagnostics = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (stopped()) throw new InvalidOperationException($"The app stopped at start:\n{diagnostics?.Invoke()}");
            try
            {
                if ((await http.GetAsync($"{url}/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { /* not listening yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not answer /health within 60 s:\n{diagnostics?.Invoke()}");
            await Task.Delay(10);
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

    /// <summary>The last lines the app wrote (over its restarts), for a test that fails to show.</summary>
    public string RecentOutput => string.Join('\n', output);

    public async ValueTask DisposeAsync() => await KillAsync();
}
