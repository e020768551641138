using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>Something that happened to one agreement. Events are stored append-only, in a hash chain.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AgreementCreated), nameof(AgreementCreated))]
[JsonDerivedType(typeof(DraftUploaded), nameof(DraftUploaded))]
[JsonDerivedType(typeof(ReviewSubmitted), nameof(ReviewSubmitted))]
[JsonDerivedType(typeof(ReviewStepDecided), nameof(ReviewStepDecided))]
[JsonDerivedType(typeof(AgreementSigned), nameof(AgreementSigned))]
[JsonDerivedType(typeof(ActionPlanUpdated), nameof(ActionPlanUpdated))]
[JsonDerivedType(typeof(EvaluationRecorded), nameof(EvaluationRecorded))]
[JsonDerivedType(typeof(RenewalStarted), nameof(RenewalStarted))]
[JsonDerivedType(typeof(AgreementRenewed), nameof(AgreementRenewed))]
[JsonDerivedType(typeof(AgreementExpired), nameof(AgreementExpired))]
[JsonDerivedType(typeof(AgreementTerminated), nameof(AgreementTerminated))]
[JsonDerivedType(typeof(TerminationScheduled), nameof(TerminationScheduled))]
[JsonDerivedType(typeof(TerminationWithdrawn), nameof(TerminationWithdrawn))]
[JsonDerivedType(typeof(AgreementImported), nameof(AgreementImported))]
[JsonDerivedType(typeof(NotificationFailed), nameof(NotificationFailed))]
[JsonDerivedType(typeof(RenewalNoticeDue), nameof(RenewalNoticeDue))]
[JsonDerivedType(typeof(EvaluationReminderDue), nameof(EvaluationReminderDue))]
[JsonDerivedType(typeof(ReviewReminderDue), nameof(ReviewReminderDue))]
[JsonDerivedType(typeof(DecisionRequested), nameof(DecisionRequested))]
[JsonDerivedType(typeof(ProgressReported), nameof(ProgressReported))]
[JsonDerivedType(typeof(PartnerLinkIssued), nameof(PartnerLinkIssued))]
[JsonDerivedType(typeof(PartnerLinkRevoked), nameof(PartnerLinkRevoked))]
public abstract record AgreementEvent(DateTimeOffset At, Actor By)
{
    [JsonIgnore]
    public string Type => GetType().Name;
}

public sealed record AgreementCreated(
    DateTimeOffset At, Actor By, AgreementKind Kind, AgreementStatus Status, string InstitutionId, string PartnerId,
    string Title, int ValidityMonths, string? ParentAgreementId, string? RenewalOfId, Audiensi? Audiensi) : AgreementEvent(At, By);

public sealed record DraftUploaded(DateTimeOffset At, Actor By, DraftVersion Draft) : AgreementEvent(At, By);

public sealed record ReviewSubmitted(DateTimeOffset At, Actor By, ReviewRound Round) : AgreementEvent(At, By);

public sealed record ReviewStepDecided(
    DateTimeOffset At, Actor By, int Round, int Step, ReviewerRole Role, string ApproverEmail, ReviewDecision Decision,
    string? Comment, ReviewRoundOutcome RoundOutcome, AgreementStatus Status) : AgreementEvent(At, By);

public sealed record AgreementSigned(
    DateTimeOffset At, Actor By, Signing Signing, DateOnly ExpiresOn, string? RenewalOfId) : AgreementEvent(At, By);

public sealed record ActionPlanUpdated(DateTimeOffset At, Actor By, IReadOnlyList<ActionItem> Items) : AgreementEvent(At, By);

public sealed record EvaluationRecorded(DateTimeOffset At, Actor By, Evaluation Evaluation) : AgreementEvent(At, By);

public sealed record RenewalStarted(DateTimeOffset At, Actor By, string RenewalId, int ValidityMonths) : AgreementEvent(At, By);

public sealed record AgreementRenewed(DateTimeOffset At, Actor By, string RenewedById, AgreementStatus PreviousStatus) : AgreementEvent(At, By);

public sealed record AgreementExpired(DateTimeOffset At, Actor By, DateOnly ExpiresOn) : AgreementEvent(At, By);

public sealed record AgreementTerminated(DateTimeOffset At, Actor By, string Reason, DateOnly EffectiveOn) : AgreementEvent(At, By);

/// <summary>A termination recorded ahead of its day: the agreement stays Active until <paramref name="EffectiveOn"/>.</summary>
public sealed record TerminationScheduled(DateTimeOffset At, Actor By, string Reason, DateOnly EffectiveOn) : AgreementEvent(At, By);

/// <summary>A scheduled termination called off before its day (<paramref name="EffectiveOn"/>, the day it would have taken effect).</summary>
public sealed record TerminationWithdrawn(DateTimeOffset At, Actor By, string Reason, DateOnly EffectiveOn) : AgreementEvent(At, By);

public sealed record AgreementImported(
    DateTimeOffset At, Actor By, AgreementKind Kind, AgreementStatus Status, string InstitutionId, string PartnerId,
    string Title, int ValidityMonths, Signing Signing, DateOnly ExpiresOn, string? RenewalOfId) : AgreementEvent(At, By);

/// <summary>An email that could not be delivered after its last try; kept in the history so it is never lost silently.</summary>
public sealed record NotificationFailed(
    DateTimeOffset At, Actor By, string OutboxId, string Template, IReadOnlyList<string> Recipients, string Subject, int Attempts, string Reason)
    : AgreementEvent(At, By);

/// <summary>A renewal notice fell due: <paramref name="DaysBeforeExpiry"/> days before <paramref name="ExpiresOn"/>.</summary>
public sealed record RenewalNoticeDue(DateTimeOffset At, Actor By, string NoticeId, int DaysBeforeExpiry, DateOnly ExpiresOn) : AgreementEvent(At, By);

/// <summary>An evaluation fell due on <paramref name="DueOn"/>; <paramref name="Overdue"/> when it is the reminder after the grace days.</summary>
public sealed record EvaluationReminderDue(DateTimeOffset At, Actor By, string NoticeId, int Number, DateOnly DueOn, bool Overdue) : AgreementEvent(At, By);

/// <summary>The official of the step now waiting was asked for a decision (the approval e-mail goes out from this).</summary>
public sealed record DecisionRequested(DateTimeOffset At, Actor By, int Round, int Step, ReviewerRole Role, string OfficialEmail) : AgreementEvent(At, By);

/// <summary>A review step passed half its allowed days, or (<paramref name="Overdue"/>) all of them.</summary>
public sealed record ReviewReminderDue(DateTimeOffset At, Actor By, string NoticeId, int Round, int Step, ReviewerRole Role, bool Overdue) : AgreementEvent(At, By);

/// <summary>Progress on an action-plan item was reported (by staff, or by the partner through its link).</summary>
public sealed record ProgressReported(DateTimeOffset At, Actor By, ProgressReport Report) : AgreementEvent(At, By);

/// <summary>A link for the partner's contact was made (and e-mailed); any earlier one stops working.</summary>
public sealed record PartnerLinkIssued(DateTimeOffset At, Actor By, string LinkId, DateTimeOffset ExpiresAt) : AgreementEvent(At, By);

/// <summary>The partner's link was revoked before it expired.</summary>
public sealed record PartnerLinkRevoked(DateTimeOffset At, Actor By, string LinkId) : AgreementEvent(At, By);
