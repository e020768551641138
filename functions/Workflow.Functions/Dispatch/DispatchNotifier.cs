using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>A dispatch notice queued before a commit, still hidden.</summary>
public sealed record DispatchReminder(string MessageId, string PopReceipt);

/// <summary>
/// Tells the dispatcher that an agreement has outbox rows, in two steps around the commit. Before it, a notice
/// is queued hidden for the recovery age; after it, the notice is shown at once. A crash in between leaves the
/// hidden notice, which appears by itself later: no outbox is left behind, and nothing has to scan for one.
/// </summary>
public interface IDispatchNotifier
{
    /// <summary>Before the commit. Throws when the queue cannot be reached, so that nothing is committed without its notice.</summary>
    Task<DispatchReminder> RemindLaterAsync(string agreementId, CancellationToken ct);

    /// <summary>After the commit: the notice is shown now. Failing here is safe; the reminder appears later.</summary>
    Task NotifyNowAsync(string agreementId, DispatchReminder reminder, CancellationToken ct);

    /// <summary>The commit did not happen. Best effort: a stray notice finds an empty outbox.</summary>
    Task CancelAsync(DispatchReminder reminder);
}

public sealed class QueueDispatchNotifier(StorageClients storage, IOptions<EngineOptions> options, ILogger<QueueDispatchNotifier> logger) : IDispatchNotifier
{
    public async Task<DispatchReminder> RemindLaterAsync(string agreementId, CancellationToken ct)
    {
        SendReceipt receipt = await storage.Dispatch.SendMessageAsync(
            agreementId, visibilityTimeout: TimeSpan.FromSeconds(options.Value.OutboxRecoverySeconds), cancellationToken: ct);
        return new DispatchReminder(receipt.MessageId, receipt.PopReceipt);
    }

    public async Task NotifyNowAsync(string agreementId, DispatchReminder reminder, CancellationToken ct)
    {
        try
        {
            await storage.Dispatch.UpdateMessageAsync(reminder.MessageId, reminder.PopReceipt, BinaryData.FromString(agreementId), TimeSpan.Zero, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Dispatch notice for {AgreementId} not shown now: {Message}; it appears after the recovery age", agreementId, e.Message);
        }
    }

    public async Task CancelAsync(DispatchReminder reminder)
    {
        try { await storage.Dispatch.DeleteMessageAsync(reminder.MessageId, reminder.PopReceipt); }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException) { /* it will find nothing to do */ }
    }
}
