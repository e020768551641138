using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Storage;

/// <summary>The tables, containers and queue Sinergi uses, made from configuration once.</summary>
public sealed class StorageClients
{
    public const string AgreementsTable = "agreements";
    public const string InstitutionsTable = "institutions";
    public const string PartnersTable = "partners";
    public const string ByInstitutionTable = "agreementsbyinstitution";
    public const string ByRegionTable = "agreementsbyregion";
    public const string ByStatusTable = "agreementsbystatus";
    public const string ByExpiryTable = "agreementsbyexpiry";
    public const string TimersTable = "timers";
    public const string DocumentsContainer = "documents";
    public const string LocksContainer = "locks";
    /// <summary>Answers to commands too long to keep in their idempotency row.</summary>
    public const string AnswersContainer = "answers";
    /// <summary>Institutions' own draft templates (<c>{institutionId}/draft.docx</c>).</summary>
    public const string TemplatesContainer = "templates";
    public const string DispatchQueue = "dispatch";
    /// <summary>Where the Functions host (and the standalone poller) put a notice that failed too often.</summary>
    public const string DispatchPoisonQueue = "dispatch-poison";

    public StorageClients(IOptions<StorageOptions> options, StorageRequestCounter counter)
    {
        var o = options.Value;
        // Base64 messages: what the Functions queue trigger reads by default.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        foreach (var clientOptions in new ClientOptions[] { queueOptions, tableOptions, blobOptions })
        {
            clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            // Every command makes several storage requests; the SDK's own per-request logging and tracing cost more CPU than they tell here.
            clientOptions.Diagnostics.IsLoggingEnabled = false;
            clientOptions.Diagnostics.IsDistributedTracingEnabled = false;
        }
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Tables = new TableServiceClient(o.ConnectionString, tableOptions);
            Blobs = new BlobServiceClient(o.ConnectionString, blobOptions);
            Queues = new QueueServiceClient(o.ConnectionString, queueOptions);
        }
        else
        {
            TokenCredential credential = new DefaultAzureCredential();
            Tables = new TableServiceClient(o.TableServiceUri!, credential, tableOptions);
            Blobs = new BlobServiceClient(o.BlobServiceUri!, credential, blobOptions);
            Queues = new QueueServiceClient(o.QueueServiceUri!, credential, queueOptions);
        }
    }

    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);
    public TableClient Agreements => Table(AgreementsTable);
    public BlobContainerClient Documents => Blobs.GetBlobContainerClient(DocumentsContainer);
    public BlobContainerClient Locks => Blobs.GetBlobContainerClient(LocksContainer);
    public BlobContainerClient Answers => Blobs.GetBlobContainerClient(AnswersContainer);
    public BlobContainerClient Templates => Blobs.GetBlobContainerClient(TemplatesContainer);
    public QueueClient Dispatch => Queues.GetQueueClient(DispatchQueue);
    public QueueClient DispatchPoison => Queues.GetQueueClient(DispatchPoisonQueue);

    public static readonly string[] AllTables =
        [AgreementsTable, InstitutionsTable, PartnersTable, ByInstitutionTable, ByRegionTable, ByStatusTable, ByExpiryTable, TimersTable];

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in AllTables) await Table(table).CreateIfNotExistsAsync(cancellationToken);
        await Documents.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Locks.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Answers.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Templates.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Dispatch.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await DispatchPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}

/// <summary>Creates what is missing at start-up, retrying while storage comes up.</summary>
internal sealed class StorageInitializer(StorageClients clients, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await clients.EnsureCreatedAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (attempt < 10 && e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                logger.LogWarning("Storage not reachable yet (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class StorageSetup
{
    public static IServiceCollection AddSinergiStorage(this IServiceCollection services)
    {
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<TaskHubRequestCounter>();
        services.AddSingleton<StorageClients>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
