using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>Tells the dispatcher that an agreement has outbox rows. Losing a notice is safe: the sweep finds the rows.</summary>
public interface IDispatchNotifier
{
    Task NotifyAsync(string agreementId, CancellationToken ct);
}

public sealed class QueueDispatchNotifier(StorageClients storage, ILogger<QueueDispatchNotifier> logger) : IDispatchNotifier
{
    public async Task NotifyAsync(string agreementId, CancellationToken ct)
    {
        try
        {
            await storage.Dispatch.SendMessageAsync(agreementId, ct);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            // The change is committed; the recovery sweep will dispatch its outbox.
            logger.LogWarning("Dispatch notice for {AgreementId} not sent: {Message}", agreementId, e.Message);
        }
    }
}
