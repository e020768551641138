using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>An app on an Azurite of its own, for tests whose queue or storage no other test may touch.</summary>
public sealed class IsolatedApp : IAsyncDisposable
{
    public AzuriteProcess Azurite { get; }
    public SinergiFactory Factory { get; }
    public StorageProbe Storage { get; }

    private IsolatedApp(AzuriteProcess azurite, SinergiFactory factory, bool runsBackgroundWork)
    {
        Azurite = azurite;
        Factory = factory;
        Storage = new StorageProbe(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), processes: runsBackgroundWork);
    }

    public static async Task<IsolatedApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var factory = new SinergiFactory(azurite.ConnectionString, settings: settings);
        factory.CreateClient().Dispose(); // start the app: tables, containers and queue exist from here on
        return new IsolatedApp(azurite, factory, settings?.TryGetValue("Engine:RunBackgroundLoops", out var loops) != true || loops != "false");
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
