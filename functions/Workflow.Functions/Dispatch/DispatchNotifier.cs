using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// Tells the dispatcher that an agreement has outbox rows, in two steps around the commit. Before it, a notice is
/// queued hidden for the recovery age; after it, a notice is queued to be seen at once. A crash in between leaves
/// the hidden one, which appears by itself later: no outbox is left behind, and nothing has to scan for one.
/// </summary>
public interface IDispatchNotifier
{
    /// <summary>Before the commit. Throws when the queue cannot be reached, so that nothing is committed without its notice.</summary>
    Task<DispatchReminder> RemindLaterAsync(string agreementId, CancellationToken ct);

    /// <summary>After the commit: the notice is seen now. Failing here is safe; the reminder appears later.</summary>
    Task NotifyNowAsync(string agreementId, DispatchReminder reminder, CancellationToken ct);

    /// <summary>The commit did not happen: this agreement no longer needs the reminder.</summary>
    Task CancelAsync(DispatchReminder reminder);
}

/// <summary>
/// Queue notices shared by the commands of the same moment: while one message is on its way, the next commands'
/// agreement ids wait and go together in the next one (a group commit). A hidden reminder is deleted once every
/// agreement in it has its visible notice, or did not commit.
/// </summary>
public sealed class QueueDispatchNotifier : IDispatchNotifier
{
    private readonly QueueMessageBatcher reminders;
    private readonly QueueMessageBatcher notices;
    private readonly StorageClients storage;
    private readonly ILogger<QueueDispatchNotifier> logger;

    public QueueDispatchNotifier(StorageClients storage, IOptions<EngineOptions> options, ILogger<QueueDispatchNotifier> logger)
    {
        this.storage = storage;
        this.logger = logger;
        reminders = new QueueMessageBatcher(storage, TimeSpan.FromSeconds(options.Value.OutboxRecoverySeconds));
        notices = new QueueMessageBatcher(storage, TimeSpan.Zero);
    }

    public async Task<DispatchReminder> RemindLaterAsync(string agreementId, CancellationToken ct) =>
        new(await reminders.SendAsync(agreementId).WaitAsync(ct));

    public async Task NotifyNowAsync(string agreementId, DispatchReminder reminder, CancellationToken ct)
    {
        try
        {
            await notices.SendAsync(agreementId).WaitAsync(ct);
            await CoveredAsync(reminder);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Dispatch notice for {AgreementId} not sent now: {Message}; its reminder appears after the recovery age", agreementId, e.Message);
        }
    }

    public Task CancelAsync(DispatchReminder reminder) => CoveredAsync(reminder);

    private async Task CoveredAsync(DispatchReminder reminder)
    {
        if (!reminder.Message.CoverOne()) return;
        try { await storage.Dispatch.DeleteMessageAsync(reminder.Message.MessageId, reminder.Message.PopReceipt); }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException) { /* it appears later and finds nothing to do */ }
    }
}

/// <summary>A dispatch notice queued before a commit, still hidden.</summary>
public sealed record DispatchReminder(SentNotice Message);
