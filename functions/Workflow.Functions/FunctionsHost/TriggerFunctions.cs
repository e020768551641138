using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Storage;

namespace Workflow.Functions.FunctionsHost;

/// <summary>The non-HTTP triggers under the Functions host; standalone, the app runs the same code itself (BackgroundLoops).</summary>
public sealed class TriggerFunctions(NoticeHandler notices, Sweep sweep, DurableClientHolder clients, ILogger<TriggerFunctions> logger)
{
    /// <summary>Dispatches the outbox rows a command left: lists, e-mails, renewals, the notice index. The host retries a failure and sets the message aside after ten.</summary>
    [Function("Dispatch")]
    public async Task Dispatch([QueueTrigger(StorageClients.DispatchQueue, Connection = "AzureWebJobsStorage")] string message, [DurableClient] DurableTaskClient process, CancellationToken ct)
    {
        clients.Use(process);
        var (_, parsed) = DispatchMessage.Parse(message);
        if (parsed.Count == 0 || !parsed.All(n => Hosting.Ids.IsSlug(n.AgreementId)))
        {
            // Not ours to retry: a message that is not a list of notices would fail every time.
            logger.LogError("Queue message is not a list of agreement notices: '{Message}'", message);
            return;
        }
        await notices.HandleAsync(message, ct);
    }

    /// <summary>Every hour: the renewal notices due (08:00 in each institution's time zone is a whole hour in UTC) and expiries.</summary>
    [Function("RenewalNotices")]
    public async Task RenewalNotices([TimerTrigger("0 0 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient process, CancellationToken ct)
    {
        clients.Use(process);
        var result = await sweep.RunAsync(ct);
        logger.LogInformation("Renewal notices: {Fired} fired, {Requeued} dispatch notices back in line", result.FiredTimers.Count, result.RequeuedNotices.Count);
    }
}
