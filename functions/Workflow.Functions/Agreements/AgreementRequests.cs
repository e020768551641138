using Workflow.Core;

namespace Workflow.Functions.Agreements;

public sealed record CreateAgreementRequest(
    string? InstitutionId, string? PartnerId, AgreementKind? Kind, string? Title, string? Purpose,
    IReadOnlyList<ScopeInput>? Scope, int? ValidityMonths, string? ParentAgreementId, AudiensiInput? Audiensi);

/// <summary>The <c>agreement</c> part of an import: the create body plus what the signed copy says.</summary>
public sealed record ImportAgreementRequest(
    string? InstitutionId, string? PartnerId, AgreementKind? Kind, string? Title, string? Purpose,
    IReadOnlyList<ScopeInput>? Scope, int? ValidityMonths, string? ParentAgreementId, AudiensiInput? Audiensi,
    DateOnly? SignedOn, string? Place, DateOnly? EffectiveFrom, IReadOnlyList<PersonInput>? Signatories,
    IReadOnlyList<PersonInput>? Witnesses, string? RenewalOfId)
{
    public CreateAgreementRequest Agreement => new(InstitutionId, PartnerId, Kind, Title, Purpose, Scope, ValidityMonths, ParentAgreementId, Audiensi);
    public SigningInput Signing => new(SignedOn, Place, EffectiveFrom, Signatories, Witnesses);
}

public sealed record ReviewRequest(IReadOnlyList<ReviewStepInput>? Steps);

public sealed record DecisionRequest(int? Round, int? Step, ReviewDecision? Decision, string? Comment);

public sealed record ActionPlanRequest(IReadOnlyList<ActionItemInput>? Items);

public sealed record EvaluationRequest(DateOnly? PeriodEnd, string? Summary, Recommendation? Recommendation, IReadOnlyList<ItemScoreInput>? ItemScores)
{
    public EvaluationInput Input => new(PeriodEnd, Summary, Recommendation, ItemScores);
}

public sealed record RenewalRequest(int? ValidityMonths);

public sealed record TerminationRequest(string? Reason, DateOnly? EffectiveOn);
