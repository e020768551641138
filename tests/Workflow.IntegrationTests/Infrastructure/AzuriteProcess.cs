namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A real Azurite on free loopback ports, with its own data folder.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private NodeService node;
    private readonly (int Blob, int Queue, int Table) ports;
    private readonly string data;

    private AzuriteProcess(NodeService node, (int, int, int) ports, string data)
    {
        this.node = node;
        this.ports = ports;
        this.data = data;
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports.Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{ports.Table}/devstoreaccount1;";

    /// <summary>Starts on fresh ports, again on others if a port was taken in between (test classes start theirs in parallel).</summary>
    public static async Task<AzuriteProcess> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await StartOnFreePortsAsync(); }
            catch (InvalidOperationException) when (attempt < 3) { }
        }
    }

    private static async Task<AzuriteProcess> StartOnFreePortsAsync()
    {
        var ports = (FreePort(), FreePort(), FreePort());
        var data = Directory.CreateTempSubdirectory("sinergi-azurite-").FullName;
        return new AzuriteProcess(await LaunchAsync(ports, data), ports, data);
    }

    private static Task<NodeService> LaunchAsync((int Blob, int Queue, int Table) p, string data) =>
        NodeService.StartAsync("azurite/dist/src/azurite.js",
            ["--silent", "--skipApiVersionCheck", "--loose", "--location", data,
             "--blobHost", "127.0.0.1", "--blobPort", $"{p.Blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{p.Queue}",
             "--tableHost", "127.0.0.1", "--tablePort", $"{p.Table}"],
            data, p.Blob, p.Queue, p.Table);

    /// <summary>The fault suite: storage goes away (cleanly, so Azurite saves what it acknowledged)…</summary>
    public Task StopAsync() => node.StopGracefullyAsync(ports.Blob, ports.Queue, ports.Table);

    /// <summary>…and comes back on the same ports with the same data.</summary>
    public async Task RestartAsync()
    {
        await node.DisposeAsync();
        node = await LaunchAsync(ports, data);
    }

    public static int FreePort() => NodeService.FreePort();

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflow.sln"))) return dir.FullName;
        throw new InvalidOperationException("Workflow.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
