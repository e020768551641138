using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A node program from the repository's node_modules, started on given loopback ports and killed on dispose.</summary>
public sealed class NodeService : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;
    private readonly bool ownsData;

    private NodeService(Process process, string dataDirectory, bool ownsData = true)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.ownsData = ownsData;
    }

    public string DataDirectory => dataDirectory;

    /// <param name="script">Path below node_modules, e.g. <c>azurite/dist/src/azurite.js</c>.</param>
    /// <param name="arguments">Arguments; <c>{data}</c> stands for a fresh temporary folder of its own.</param>
    public static Task<NodeService> StartAsync(string script, IEnumerable<string> arguments, params int[] ports) =>
        StartAsync(script, arguments, null, ports);

    /// <param name="data">An existing data folder to use again (a restart), or null for a fresh one this service owns.</param>
    public static async Task<NodeService> StartAsync(string script, IEnumerable<string> arguments, string? data, params int[] ports)
    {
        var path = Path.Combine(AzuriteProcess.RepositoryRoot(), "node_modules", script);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is not installed. Run `npm ci` in the repository root (./test does).");
        var ownsData = data is null;
        data ??= Directory.CreateTempSubdirectory("sinergi-node-").FullName;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments) info.ArgumentList.Add(argument.Replace("{data}", data));
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start node for {script}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new NodeService(process, data, ownsData);
        try
        {
            await service.WaitForPortsAsync(script, ports);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private async Task WaitForPortsAsync(string script, int[] ports)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in ports)
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"{script} exited with code {process.ExitCode}.");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
            }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGTERM, so the service closes and saves its data; then, once its ports are closed, the process is ended.</summary>
    public async Task StopGracefullyAsync(params int[] ports)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !process.HasExited && ports.Any(Listening)) await Task.Delay(100);
        await Task.Delay(500);
        if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        if (ownsData)
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
