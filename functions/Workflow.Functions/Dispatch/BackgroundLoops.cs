using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>Standalone mode: polls queue <c>dispatch</c> (competing consumers are fine) and runs the dispatcher.</summary>
public sealed class DispatchQueueLoop(StorageClients storage, IServiceProvider services, IOptions<EngineOptions> options, ILogger<DispatchQueueLoop> logger) : BackgroundService
{
    private const int MaxDequeues = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunBackgroundLoops) return;
        var idle = TimeSpan.FromMilliseconds(options.Value.QueuePollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = (await storage.Dispatch.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(options.Value.DispatchLeaseSeconds), stoppingToken)).Value;
                if (messages.Length == 0) { await Task.Delay(idle, stoppingToken); continue; }
                await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning("Dispatch queue unavailable: {Message}", e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var body = message.Body.ToString();
        try
        {
            await services.GetRequiredService<NoticeHandler>().HandleAsync(body, ct);
            await storage.Dispatch.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Dispatch of {AgreementIds} failed (try {Count})", body, message.DequeueCount);
            // As the Functions host does: set aside after too many tries; the sweep puts it back in line.
            if (message.DequeueCount >= MaxDequeues)
            {
                await storage.DispatchPoison.SendMessageAsync(body, ct);
                await storage.Dispatch.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
        }
    }
}

/// <summary>Standalone mode: runs the sweep on a fixed interval.</summary>
public sealed class SweepLoop(Sweep sweep, IOptions<EngineOptions> options, ILogger<SweepLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunBackgroundLoops) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await sweep.RunAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning("Sweep failed: {Message}", e.Message); }
            }
        }
        catch (OperationCanceledException) { /* stopping */ }
    }
}

public static class DispatchSetup
{
    public static IServiceCollection AddSinergiDispatch(this IServiceCollection services)
    {
        services.AddSingleton<IDispatchNotifier, QueueDispatchNotifier>();
        services.AddSingleton<Projections>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<NoticeHandler>();
        services.AddSingleton<Sweep>();
        return services;
    }

    /// <summary>Without the Functions host, the app polls the dispatch queue and runs the timer itself.</summary>
    public static IServiceCollection AddSinergiStandaloneTriggers(this IServiceCollection services)
    {
        services.AddHostedService<DispatchQueueLoop>();
        services.AddHostedService<SweepLoop>();
        return services;
    }
}
