using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>One queue message carrying the ids of several agreements; <see cref="CoverOne"/> counts them off.</summary>
public sealed class SentNotice(string messageId, string popReceipt, int agreements)
{
    private int uncovered = agreements;

    public string MessageId => messageId;
    public string PopReceipt => popReceipt;

    /// <summary>True for the call that covers the last agreement in the message.</summary>
    public bool CoverOne() => Interlocked.Decrement(ref uncovered) == 0;
}

/// <summary>
/// Sends agreement ids to queue <c>dispatch</c>: at once when no message is on its way, otherwise together with the
/// others that came meanwhile, in the next message. Under load many commands share one queue request.
/// </summary>
public sealed class QueueMessageBatcher(StorageClients storage, TimeSpan hiddenFor)
{
    /// <summary>Agreement ids are at most 64 characters; a queue message holds 64 KiB (Base64 makes them a third longer).</summary>
    private const int MaxIdsPerMessage = 500;

    /// <summary>Under load (the last message carried several ids) a message waits this long for more before it goes.</summary>
    private static readonly TimeSpan GatherUnderLoad = TimeSpan.FromMilliseconds(3);

    private readonly Lock gate = new();
    private List<(string Id, TaskCompletionSource<SentNotice> Sent)> waiting = [];
    private bool sending;
    private bool underLoad;

    public Task<SentNotice> SendAsync(string agreementId)
    {
        var sent = new TaskCompletionSource<SentNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((agreementId, sent));
            if (sending) return sent.Task;
            sending = true;
        }
        _ = Task.Run(SendWaitingAsync);
        return sent.Task;
    }

    private async Task SendWaitingAsync()
    {
        while (true)
        {
            if (underLoad) await Task.Delay(GatherUnderLoad);
            List<(string Id, TaskCompletionSource<SentNotice> Sent)> batch;
            lock (gate)
            {
                if (waiting.Count == 0) { sending = false; return; }
                batch = waiting.Count <= MaxIdsPerMessage ? waiting : waiting[..MaxIdsPerMessage];
                waiting = waiting.Count <= MaxIdsPerMessage ? [] : waiting[MaxIdsPerMessage..];
                underLoad = batch.Count > 1;
            }
            try
            {
                var body = DispatchMessage.Format(batch.Select(b => b.Id));
                var receipt = (await storage.Dispatch.SendMessageAsync(body, visibilityTimeout: hiddenFor == TimeSpan.Zero ? null : hiddenFor)).Value;
                var notice = new SentNotice(receipt.MessageId, receipt.PopReceipt, batch.Count);
                foreach (var (_, sent) in batch) sent.SetResult(notice);
            }
            catch (Exception e)
            {
                foreach (var (_, sent) in batch) sent.SetException(e);
            }
        }
    }
}

/// <summary>A dispatch message: the ids of the agreements to dispatch, separated by spaces.</summary>
public static class DispatchMessage
{
    public static string Format(IEnumerable<string> agreementIds) => string.Join(' ', agreementIds.Distinct(StringComparer.Ordinal));

    public static IReadOnlyList<string> Parse(string? body) =>
        (body ?? "").Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
}
