using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A real SMTP catcher (maildev) on free loopback ports, with its own mail folder; read through its REST API.</summary>
public sealed class MaildevProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient web;
    private readonly string directory;

    public int SmtpPort { get; }

    private MaildevProcess(Process process, int smtpPort, int webPort, string directory)
    {
        this.process = process;
        this.directory = directory;
        SmtpPort = smtpPort;
        web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public static async Task<MaildevProcess> StartAsync()
    {
        var script = Path.Combine(AzuriteProcess.RepositoryRoot(), "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"maildev is not installed at {script}. Run `npm ci` (./test does).");
        var directory = Directory.CreateTempSubdirectory("sinergi-maildev-").FullName;
        var (smtp, webPort) = (AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", smtp.ToString(), "--web", webPort.ToString(), "--mail-directory", directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for maildev.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var maildev = new MaildevProcess(process, smtp, webPort, directory);
        await maildev.WaitUntilReadyAsync(webPort);
        return maildev;
    }

    private async Task WaitUntilReadyAsync(int webPort)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { SmtpPort, webPort })
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"maildev exited with code {process.ExitCode}.");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
            }
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
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
