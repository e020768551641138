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

/// <param name="Id">An item already in the plan keeps its id (and its progress); left out, an item with the same activity keeps its own.</param>
/// <param name="PartnerOwned">The partner carries it out and reports on it through its link.</param>
public sealed record ActionItemInput(
    [property: StringLength(500)] string? Activity, [property: StringLength(200)] string? Owner, ActionItemStatus? Status,
    DateOnly? DueOn = null, [property: StringLength(100)] string? Frequency = null, [property: StringLength(20)] string? Id = null, bool? PartnerOwned = null);

/// <summary>A progress report on an action-plan item.</summary>
public sealed record ProgressInput(
    DateOnly? Date, [property: StringLength(4000)] string? Summary, ActionItemStatus? Status, [property: Range(0, 100_000)] int? Participants = null);

public sealed record ItemScoreInput([property: StringLength(500)] string? Activity, [property: Range(1, 5)] int? Score);

public sealed record EvaluationInput(
    DateOnly? PeriodEnd,
    string? Summary,
    Recommendation? Recommendation,
    IReadOnlyList<ItemScoreInput>? ItemScores);
