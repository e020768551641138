using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Dispatch;

namespace Workflow.Functions.Email;

public static class EmailTemplateNames
{
    public const string ApprovalRequest = "ApprovalRequest";
    public const string RoundClosed = "RoundClosed";
}

/// <summary>Which email a review event asks for. Outbox payload of kind <see cref="OutboxKinds.Email"/>.</summary>
public sealed record EmailPayload(string Template, int Round, int? Step);

/// <summary>Turns the events of a command into the emails it causes, as outbox rows in the same transaction.</summary>
public static class EmailPlanner
{
    public static IEnumerable<OutboxItem> Plan(IEnumerable<AgreementEvent> events) => events.SelectMany(e => e switch
    {
        ReviewSubmitted s => [Item(new EmailPayload(EmailTemplateNames.ApprovalRequest, s.Round.Round, 1))],
        ReviewStepDecided { RoundOutcome: ReviewRoundOutcome.Open } d => [Item(new EmailPayload(EmailTemplateNames.ApprovalRequest, d.Round, d.Step + 1))],
        ReviewStepDecided d => [Item(new EmailPayload(EmailTemplateNames.RoundClosed, d.Round, null))],
        _ => Array.Empty<OutboxItem>(),
    });

    private static OutboxItem Item(EmailPayload payload) => AgreementEngine.Outbox(OutboxKinds.Email, payload);
}
