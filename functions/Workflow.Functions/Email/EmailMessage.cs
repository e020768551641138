namespace Workflow.Functions.Email;

public sealed record Recipient(string Email, string Name);

/// <summary>One email, plain text and HTML. <see cref="OutboxId"/> travels with it so a repeated send can be recognised.</summary>
public sealed record EmailMessage(IReadOnlyList<Recipient> To, string Subject, string Text, string Html, string OutboxId);

public enum SendOutcome { Sent, Transient, Permanent }

public sealed record SendResult(SendOutcome Outcome, string Detail)
{
    public static readonly SendResult Sent = new(SendOutcome.Sent, "");
    public static SendResult Transient(string detail) => new(SendOutcome.Transient, detail);
    public static SendResult Permanent(string detail) => new(SendOutcome.Permanent, detail);
}

public interface IEmailTransport
{
    Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct);
}

public static class EmailHeaders
{
    public const string OutboxId = "X-Sinergi-Outbox-Id";
}
