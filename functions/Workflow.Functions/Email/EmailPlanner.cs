using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Dispatch;

namespace Workflow.Functions.Email;

public static class EmailTemplateNames
{
    public const string ApprovalRequest = "ApprovalRequest";
    public const string RoundClosed = "RoundClosed";
    public const string ReviewReminder = "ReviewReminder";
    public const string ReviewEscalation = "ReviewEscalation";
    public const string RenewalNotice = "RenewalNotice";
    public const string Expired = "Expired";
    public const string EvaluationReminder = "EvaluationReminder";
    public const string Imported = "Imported";
    public const string TerminationScheduled = "TerminationScheduled";
    public const string TerminationWithdrawn = "TerminationWithdrawn";
    public const string Terminated = "Terminated";
    public const string PartnerLink = "PartnerLink";
}

/// <summary>Which email an event asks for. Outbox payload of kind <see cref="OutboxKinds.Email"/>.</summary>
/// <param name="Reason">A termination's reason, for the notice that it was recorded: sent even when withdrawn by the time it leaves.</param>
/// <param name="LinkId">The partner's link an e-mail carries: not sent once it is revoked or replaced.</param>
public sealed record EmailPayload(
    string Template, int Round = 0, int? Step = null, int? Days = null, int? Number = null, bool Overdue = false, DateOnly? DueOn = null, string? Reason = null,
    string? LinkId = null);

/// <summary>Turns the events of a command into the emails they cause, as outbox rows in the same transaction.</summary>
public static class EmailPlanner
{
    public static IEnumerable<OutboxItem> Plan(IEnumerable<AgreementEvent> events) => events.SelectMany(e => e switch
    {
        // The agreement's orchestration asks each official in turn; the e-mail leaves with the record of it.
        DecisionRequested r => [Item(new EmailPayload(EmailTemplateNames.ApprovalRequest, r.Round, r.Step))],
        ReviewStepDecided { RoundOutcome: ReviewRoundOutcome.Open } => Array.Empty<OutboxItem>(),
        ReviewStepDecided d => [Item(new EmailPayload(EmailTemplateNames.RoundClosed, d.Round))],
        ReviewReminderDue { Overdue: false } r => [Item(new EmailPayload(EmailTemplateNames.ReviewReminder, r.Round, r.Step))],
        ReviewReminderDue r => [Item(new EmailPayload(EmailTemplateNames.ReviewReminder, r.Round, r.Step, Overdue: true)),
                                Item(new EmailPayload(EmailTemplateNames.ReviewEscalation, r.Round, r.Step, Overdue: true))],
        RenewalNoticeDue n => [Item(new EmailPayload(EmailTemplateNames.RenewalNotice, Days: n.DaysBeforeExpiry))],
        AgreementExpired => [Item(new EmailPayload(EmailTemplateNames.Expired, Days: 0))],
        EvaluationReminderDue r => [Item(new EmailPayload(EmailTemplateNames.EvaluationReminder, Number: r.Number, Overdue: r.Overdue, DueOn: r.DueOn))],
        // The head of the institution is told of every agreement imported in its name.
        AgreementImported => [Item(new EmailPayload(EmailTemplateNames.Imported))],
        // The head, the partner contact and the Kanwil hear of a termination when it is recorded, withdrawn and when it takes effect.
        TerminationScheduled t => [Item(new EmailPayload(EmailTemplateNames.TerminationScheduled, DueOn: t.EffectiveOn, Reason: t.Reason))],
        TerminationWithdrawn t => [Item(new EmailPayload(EmailTemplateNames.TerminationWithdrawn, DueOn: t.EffectiveOn))],
        AgreementTerminated t => [Item(new EmailPayload(EmailTemplateNames.Terminated, DueOn: t.EffectiveOn))],
        // The partner's contact gets its link; the link is in no event, it is written again from the agreement.
        PartnerLinkIssued l => [Item(new EmailPayload(EmailTemplateNames.PartnerLink, LinkId: l.LinkId))],
        _ => Array.Empty<OutboxItem>(),
    });

    private static OutboxItem Item(EmailPayload payload) => AgreementEngine.Outbox(OutboxKinds.Email, payload);
}
