using System.Globalization;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// Sends dispatch notices to queue <c>dispatch</c>: at once when no message is on its way, otherwise together with the
/// others that came meanwhile, in the next message (a group commit). Under load many commands share one queue request.
/// </summary>
public sealed class QueueMessageBatcher(StorageClients storage, TimeSpan hiddenFor)
{
    /// <summary>Notices are at most 76 characters; a queue message holds 64 KiB (Base64 makes them a third longer).</summary>
    private const int MaxNoticesPerMessage = 500;

    /// <summary>Under load (the last message carried several notices) a message waits this long for more before it goes.</summary>
    private static readonly TimeSpan GatherUnderLoad = TimeSpan.FromMilliseconds(3);

    private readonly Lock gate = new();
    private List<(DispatchNotice Notice, TaskCompletionSource Sent)> waiting = [];
    private bool sending;
    private bool underLoad;

    public Task SendAsync(DispatchNotice notice)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((notice, sent));
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
            List<(DispatchNotice Notice, TaskCompletionSource Sent)> batch;
            lock (gate)
            {
                if (waiting.Count == 0) { sending = false; return; }
                batch = waiting.Count <= MaxNoticesPerMessage ? waiting : waiting[..MaxNoticesPerMessage];
                waiting = waiting.Count <= MaxNoticesPerMessage ? [] : waiting[MaxNoticesPerMessage..];
                underLoad = batch.Count > 1;
            }
            try
            {
                // Real time, not the settable clock of Development: it dates the message, not the agreement.
                var body = DispatchMessage.Format(DateTimeOffset.UtcNow, batch.Select(b => b.Notice));
                await storage.Dispatch.SendMessageAsync(body, visibilityTimeout: hiddenFor == TimeSpan.Zero ? null : hiddenFor);
                foreach (var (_, sent) in batch) sent.SetResult();
            }
            catch (Exception e)
            {
                foreach (var (_, sent) in batch) sent.SetException(e);
            }
        }
    }
}

/// <summary>An agreement to dispatch; with the version its command started from, when a commit is on its way.</summary>
public sealed record DispatchNotice(string AgreementId, int? VersionBefore = null);

/// <summary>
/// A dispatch message: when its first notice was sent, then the notices, separated by spaces:
/// <c>t=1763856000000 agr-1:4 agr-2:0</c>. A bare agreement id (a retry the dispatcher schedules itself) is a notice without version.
/// </summary>
public static class DispatchMessage
{
    public static string Format(DateTimeOffset sentAt, IEnumerable<DispatchNotice> notices) =>
        string.Join(' ', notices.Distinct().Select(n => n.VersionBefore is { } v ? $"{n.AgreementId}:{v}" : n.AgreementId)
            .Prepend($"t={sentAt.ToUnixTimeMilliseconds()}"));

    public static (DateTimeOffset? SentAt, IReadOnlyList<DispatchNotice> Notices) Parse(string? body)
    {
        DateTimeOffset? sentAt = null;
        var notices = new List<DispatchNotice>();
        foreach (var part in (body ?? "").Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                sentAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            else if (part.Split(':') is [var id, var version] && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                notices.Add(new DispatchNotice(id, v));
            else
                notices.Add(new DispatchNotice(part));
        }
        return (sentAt, notices.Distinct().ToList());
    }
}
