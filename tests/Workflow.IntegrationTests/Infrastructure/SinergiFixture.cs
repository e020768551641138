using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Hosting;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>One Azurite and one app for the whole collection; tests use fresh ids so they do not see each other.</summary>
public sealed class SinergiFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public MaildevProcess Mail { get; private set; } = null!;
    public SinergiFactory Factory { get; private set; } = null!;
    public TableServiceClient Tables { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        Mail = await MaildevProcess.StartAsync();
        Tables = new TableServiceClient(Azurite.ConnectionString);
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Factory = new SinergiFactory(Azurite.ConnectionString, smtpPort: Mail.SmtpPort);
        Factory.CreateClient().Dispose(); // start the app: creates tables, containers and the queue
    }

    public Api Api() => new(Factory.CreateClient());

    public DevClock Clock => Factory.Services.GetRequiredService<DevClock>();

    public StorageProbe Storage => new(Tables, Blobs);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Azurite.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SinergiCollection : ICollectionFixture<SinergiFixture>
{
    public const string Name = "sinergi";
}
