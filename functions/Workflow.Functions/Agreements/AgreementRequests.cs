using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Workflow.Functions.Hosting;
using Workflow.Core;

namespace Workflow.Functions.Agreements;

// Lists carry [MaxItems]: a longer one is refused while the body is read, not after.

// The DataAnnotations state the validation's limits for the API description; the domain's validation enforces them.

public sealed record CreateAgreementRequest(
    [property: RegularExpression(Ids.SlugPattern)] string? InstitutionId, [property: RegularExpression(Ids.SlugPattern)] string? PartnerId,
    AgreementKind? Kind, [property: StringLength(300, MinimumLength = 3)] string? Title, [property: StringLength(4000)] string? Purpose,
    [property: MaxItems(Agreement.MaxScopeItems), MinLength(1)] IReadOnlyList<ScopeInput>? Scope,
    [property: Range(Agreement.MinValidityMonths, Agreement.MaxValidityMonths)] int? ValidityMonths,
    [property: StringLength(64)] string? ParentAgreementId = null, AudiensiInput? Audiensi = null);

/// <summary>The <c>agreement</c> part of an import: the create body plus what the signed copy says.</summary>
public sealed record ImportAgreementRequest(
    [property: RegularExpression(Ids.SlugPattern)] string? InstitutionId, [property: RegularExpression(Ids.SlugPattern)] string? PartnerId,
    AgreementKind? Kind, [property: StringLength(300, MinimumLength = 3)] string? Title, [property: StringLength(4000)] string? Purpose,
    [property: MaxItems(Agreement.MaxScopeItems), MinLength(1)] IReadOnlyList<ScopeInput>? Scope,
    [property: Range(Agreement.MinValidityMonths, Agreement.MaxValidityMonths)] int? ValidityMonths,
    DateOnly? SignedOn, [property: StringLength(300)] string? Place,
    [property: MaxItems(Agreement.MaxSignatories), MinLength(2)] IReadOnlyList<PersonInput>? Signatories,
    [property: StringLength(64)] string? ParentAgreementId = null, AudiensiInput? Audiensi = null, DateOnly? EffectiveFrom = null,
    [property: MaxItems(Agreement.MaxWitnesses)] IReadOnlyList<PersonInput>? Witnesses = null, [property: StringLength(64)] string? RenewalOfId = null)
{
    [JsonIgnore] public CreateAgreementRequest Agreement => new(InstitutionId, PartnerId, Kind, Title, Purpose, Scope, ValidityMonths, ParentAgreementId, Audiensi);
    [JsonIgnore] public SigningInput Signing => new(SignedOn, Place, EffectiveFrom, Signatories, Witnesses);
}

public sealed record ReviewRequest([property: MaxItems(Agreement.MaxReviewSteps), MinLength(1)] IReadOnlyList<ReviewStepInput>? Steps);

public sealed record DecisionRequest(
    [property: Range(1, 1000)] int? Round, [property: Range(1, Agreement.MaxReviewSteps)] int? Step, ReviewDecision? Decision,
    [property: StringLength(4000)] string? Comment = null);

/// <summary>What an official's decision answers: the step as decided and where the round stands, nothing of other officials.</summary>
public sealed record DecisionResponse(
    string AgreementId, int Round, int Step, ReviewDecision Decision, string? Comment, DateTimeOffset DecidedAt, string DecidedBy,
    ReviewRoundOutcome RoundOutcome, AgreementStatus Status, int Version);

public sealed record ActionPlanRequest([property: MaxItems(Agreement.MaxActionItems)] IReadOnlyList<ActionItemInput>? Items);

public sealed record EvaluationRequest(
    DateOnly? PeriodEnd, string? Summary, Recommendation? Recommendation,
    [property: MaxItems(Agreement.MaxActionItems)] IReadOnlyList<ItemScoreInput>? ItemScores = null)
{
    [JsonIgnore] public EvaluationInput Input => new(PeriodEnd, Summary, Recommendation, ItemScores);
}

public sealed record RenewalRequest([property: Range(Agreement.MinValidityMonths, Agreement.MaxValidityMonths)] int? ValidityMonths);

public sealed record TerminationRequest([property: StringLength(2000)] string? Reason, DateOnly? EffectiveOn);

public sealed record WithdrawalRequest(string? Reason);
