namespace Workflow.Core;

public sealed partial class Agreement
{
    /// <summary>Records that an email about this agreement could not be delivered. Allowed in any status; changes nothing else.</summary>
    public NotificationFailed RecordNotificationFailure(
        string outboxId, string template, IReadOnlyList<string> recipients, string subject, int attempts, string reason, Actor by, DateTimeOffset now) =>
        new(now, by, outboxId, template, recipients, subject, attempts, reason.Length > 2000 ? reason[..2000] : reason);
}
