using System.ComponentModel.DataAnnotations;

namespace Workflow.Core;

// Inputs arrive from the outside world, so their fields may be missing; the agreement checks them.

/// <summary>What is needed to start an agreement. Institution facts (region, time zone) come from the caller's lookup.</summary>
public sealed record NewAgreement(
    string? InstitutionId,
    string? RegionId,
    string? TimeZone,
    string? PartnerId,
    AgreementKind? Kind,
    string? Title,
    string? Purpose,
    IReadOnlyList<ScopeInput>? Scope,
    int? ValidityMonths,
    string? ParentAgreementId,
    string? RenewalOfId,
    AudiensiInput? Audiensi);

public sealed record ScopeInput(ProgramArea? Area, string? Description);

public sealed record PersonInput([property: StringLength(200)] string? Name, [property: StringLength(200)] string? Position, [property: StringLength(200)] string? Organization = null);

public sealed record AudiensiInput(DateOnly? Date, string? Place, [property: MaxItems(Agreement.MaxAttendees)] IReadOnlyList<PersonInput>? Attendees, string? Notes = null);

public sealed record ReviewStepInput(
    ReviewerRole? Role, [property: StringLength(200)] string? Name, [property: EmailAddress] string? Email, [property: Range(1, 60)] int? DaysAllowed);

public sealed record SigningInput(
    DateOnly? SignedOn,
    string? Place,
    DateOnly? EffectiveFrom,
    IReadOnlyList<PersonInput>? Signatories,
    IReadOnlyList<PersonInput>? Witnesses);

public sealed record ActionItemInput(
    [property: StringLength(500)] string? Activity, [property: StringLength(200)] string? Owner, ActionItemStatus? Status,
    DateOnly? DueOn = null, [property: StringLength(100)] string? Frequency = null);

public sealed record ItemScoreInput([property: StringLength(500)] string? Activity, [property: Range(1, 5)] int? Score);

public sealed record EvaluationInput(
    DateOnly? PeriodEnd,
    string? Summary,
    Recommendation? Recommendation,
    IReadOnlyList<ItemScoreInput>? ItemScores);
