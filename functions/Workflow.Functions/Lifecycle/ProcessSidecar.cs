using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Lifecycle;

/// <summary>Where the standalone app's sidecar listens (loopback, HTTP/2).</summary>
public sealed record SidecarAddress(int Port)
{
    public string Url => $"http://127.0.0.1:{Port}";

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>
/// Standalone only. The Durable Task backend the Functions host would otherwise provide: the Durable Task Azure Storage
/// provider (the one Durable Functions uses, so tables, queues and blobs have the host's layout) behind a gRPC sidecar
/// on loopback, to which the app's DurableTask worker and client connect. Its own small web host, so it listens the same
/// whether the app itself is on Kestrel or in a test server. The sidecar takes one worker: one instance at a time.
/// </summary>
public sealed class ProcessSidecar(
    SidecarAddress address, IOptions<ProcessOptions> options, IOptions<EngineOptions> engine, IOptions<StorageOptions> storage, TaskHubRequestCounter counter,
    ILoggerFactory logs, ILogger<ProcessSidecar> logger) : IHostedService
{
    private WebApplication? sidecar;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.Value.TaskHub,
            StorageAccountClientProvider = ClientProvider(storage.Value, counter),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(options.Value.MaxPollMilliseconds),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(options.Value.VisibilityTimeoutSeconds),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.Value.VisibilityTimeoutSeconds),
            LoggerFactory = logs,
            // As the host's extension does by default: partitions leased in a table, so an instance started again (same
            // worker id, the machine's name) takes its partitions back at once instead of waiting out blob leases.
            UseTablePartitionManagement = true,
        });
        // The provider's dispatchers expect their tables, queues and containers; nothing else creates them standalone.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await service.CreateIfNotExistsAsync();
                break;
            }
            catch (Exception e) when (attempt < 10 && e is not OperationCanceledException)
            {
                logger.LogWarning("Task hub storage not reachable yet (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }

        // Empty: none of the app's configuration (its URLs, say) is the sidecar's.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, address.Port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddGrpc();
        var runsWorker = options.Value.RunsWorker(engine.Value);
        var mode = runsWorker ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly;
        // The server starts and stops the task hub's dispatchers with the host's lifetime (made safe by StartStopGuard); a
        // sidecar that only answers the client gets a lifetime that never starts, so it never takes the task hub's partitions.
        builder.Services.AddSingleton(sp => new TaskHubGrpcServer(
            runsWorker ? sp.GetRequiredService<IHostApplicationLifetime>() : new ClientOnlyLifetime(),
            logs, new StartStopGuard(service, logger), service, Options.Create(new TaskHubGrpcServerOptions { Mode = mode })));
        // Else stopping waits for the worker's open stream until the shutdown timeout.
        builder.Services.Configure<HostOptions>(o => o.ServicesStopConcurrently = true);
        sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (sidecar is null) return;
        await sidecar.StopAsync(cancellationToken);
        await sidecar.DisposeAsync();
    }

    /// <summary>The provider's storage clients, as the app's own are made (connection string, or service URIs and managed identity), counted apart.</summary>
    private static StorageAccountClientProvider ClientProvider(StorageOptions o, TaskHubRequestCounter counter)
    {
        var (blob, queue, table) = (new BlobClientOptions(), new QueueClientOptions(), new TableClientOptions());
        foreach (var clientOptions in new ClientOptions[] { blob, queue, table }) clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(o.ConnectionString, blob),
                StorageServiceClientProvider.ForQueue(o.ConnectionString, queue),
                StorageServiceClientProvider.ForTable(o.ConnectionString, table));
        TokenCredential credential = new DefaultAzureCredential();
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(o.BlobServiceUri!, credential, blob),
            StorageServiceClientProvider.ForQueue(o.QueueServiceUri!, credential, queue),
            StorageServiceClientProvider.ForTable(o.TableServiceUri!, credential, table));
    }
}

/// <summary>A lifetime whose events never come: the sidecar of an instance that runs no orchestrations.</summary>
internal sealed class ClientOnlyLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;
    public CancellationToken ApplicationStopping => CancellationToken.None;
    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() { }
}
