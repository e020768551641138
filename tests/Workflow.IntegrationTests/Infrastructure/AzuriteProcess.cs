using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A real Azurite, started from the repository's node_modules on free loopback ports, stopped on dispose.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string DataDirectory { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    private AzuriteProcess(Process process, int blob, int queue, int table, string dataDirectory)
    {
        this.process = process;
        BlobPort = blob;
        QueuePort = queue;
        TablePort = table;
        DataDirectory = dataDirectory;
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"Azurite is not installed at {script}. Run `npm ci` in the repository root (./test does).");
        var data = Directory.CreateTempSubdirectory("sinergi-azurite-").FullName;
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--loose", "--location", data,
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blob, queue, table, data);
        await azurite.WaitUntilListeningAsync();
        return azurite;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln"))) return dir.FullName;
        throw new InvalidOperationException("Workflow.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
