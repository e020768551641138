using Workflow.Core;

namespace Workflow.Functions.Agreements;

// Lists carry [MaxItems]: a longer one is refused while the body is read, not after.

public sealed record CreateAgreementRequest(
    string? InstitutionId, string? PartnerId, AgreementKind? Kind, string? Title, string? Purpose,
    [property: MaxItems(Agreement.MaxScopeItems)] IReadOnlyList<ScopeInput>? Scope, int? ValidityMonths, string? ParentAgreementId = null, AudiensiInput? Audiensi = null);

/// <summary>The <c>agreement</c> part of an import: the create body plus what the signed copy says.</summary>
public sealed record ImportAgreementRequest(
    string? InstitutionId, string? PartnerId, AgreementKind? Kind, string? Title, string? Purpose,
    [property: MaxItems(Agreement.MaxScopeItems)] IReadOnlyList<ScopeInput>? Scope, int? ValidityMonths, string? ParentAgreementId, AudiensiInput? Audiensi,
    DateOnly? SignedOn, string? Place, DateOnly? EffectiveFrom,
    [property: MaxItems(Agreement.MaxSignatories)] IReadOnlyList<PersonInput>? Signatories,
    [property: MaxItems(Agreement.MaxWitnesses)] IReadOnlyList<PersonInput>? Witnesses, string? RenewalOfId = null)
{
    public CreateAgreementRequest Agreement => new(InstitutionId, PartnerId, Kind, Title, Purpose, Scope, ValidityMonths, ParentAgreementId, Audiensi);
    public SigningInput Signing => new(SignedOn, Place, EffectiveFrom, Signatories, Witnesses);
}

public sealed record ReviewRequest([property: MaxItems(Agreement.MaxReviewSteps)] IReadOnlyList<ReviewStepInput>? Steps);

public sealed record DecisionRequest(int? Round, int? Step, ReviewDecision? Decision, string? Comment = null);

/// <summary>What an official's decision answers: the step as decided and where the round stands, nothing of other officials.</summary>
public sealed record DecisionResponse(
    string AgreementId, int Round, int Step, ReviewDecision Decision, string? Comment, DateTimeOffset DecidedAt, string DecidedBy,
    ReviewRoundOutcome RoundOutcome, AgreementStatus Status, int Version);

public sealed record ActionPlanRequest([property: MaxItems(Agreement.MaxActionItems)] IReadOnlyList<ActionItemInput>? Items);

public sealed record EvaluationRequest(
    DateOnly? PeriodEnd, string? Summary, Recommendation? Recommendation,
    [property: MaxItems(Agreement.MaxActionItems)] IReadOnlyList<ItemScoreInput>? ItemScores = null)
{
    public EvaluationInput Input => new(PeriodEnd, Summary, Recommendation, ItemScores);
}

public sealed record RenewalRequest(int? ValidityMonths);

public sealed record TerminationRequest(string? Reason, DateOnly? EffectiveOn);

public sealed record WithdrawalRequest(string? Reason);
