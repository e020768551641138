using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A node program from the repository's node_modules, started on given loopback ports and killed on dispose.</summary>
public sealed class NodeService : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataDirectory;

    private NodeService(Process process, string dataDirectory)
    {
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    /// <param name="script">Path below node_modules, e.g. <c>azurite/dist/src/azurite.js</c>.</param>
    /// <param name="arguments">Arguments; <c>{data}</c> stands for a fresh temporary folder of its own.</param>
    public static async Task<NodeService> StartAsync(string script, IEnumerable<string> arguments, params int[] ports)
    {
        var path = Path.Combine(AzuriteProcess.RepositoryRoot(), "node_modules", script);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is not installed. Run `npm ci` in the repository root (./test does).");
        var data = Directory.CreateTempSubdirectory("sinergi-node-").FullName;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(path);
        foreach (var argument in arguments) info.ArgumentList.Add(argument.Replace("{data}", data));
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start node for {script}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new NodeService(process, data);
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

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
