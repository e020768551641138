using System.Text.Json.Serialization;

namespace Workflow.Core;

/// <summary>Who did something: a signed-in user or an official deciding through a link.</summary>
public sealed record Actor(string Email, string Name, string? Address = null);

public sealed record ScopeItem(ProgramArea Area, string Description);

public sealed record Person(string Name, string Position, string Organization);

public sealed record Audiensi(DateOnly Date, string Place, IReadOnlyList<Person> Attendees, string? Notes);

/// <summary>A stored file: the blob it lives in and what it must hash to.</summary>
public sealed record DocumentRef(string DocumentId, string FileName, string ContentType, long Length, string Sha256);

public sealed record DraftVersion(int Version, DocumentRef Document, string? Note, DateTimeOffset UploadedAt, string UploadedBy);

public sealed record ReviewStep(
    int Step,
    ReviewerRole Role,
    string Name,
    string Email,
    int DaysAllowed,
    ReviewDecision? Decision = null,
    string? Comment = null,
    DateTimeOffset? DecidedAt = null,
    string? DecidedBy = null,
    string? DecidedFrom = null,
    DateTimeOffset? AskedAt = null);

/// <param name="Draft">The reviewed draft's document (absent in rounds recorded before it was kept here).</param>
public sealed record ReviewRound(
    int Round,
    int DraftVersion,
    IReadOnlyList<ReviewStep> Steps,
    ReviewRoundOutcome Outcome,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset? ClosedAt = null,
    DocumentRef? Draft = null)
{
    public ReviewStep? CurrentStep => Outcome == ReviewRoundOutcome.Open ? Steps.FirstOrDefault(s => s.Decision is null) : null;

    /// <summary>How the round stands once <paramref name="step"/> is decided this way.</summary>
    public ReviewRoundOutcome OutcomeAfter(int step, ReviewDecision decision) => decision switch
    {
        ReviewDecision.Revise => ReviewRoundOutcome.ChangesRequested,
        ReviewDecision.Reject => ReviewRoundOutcome.Rejected,
        _ => Steps.All(s => s.Step == step || s.Decision == ReviewDecision.Approve) ? ReviewRoundOutcome.Approved : ReviewRoundOutcome.Open,
    };

    /// <summary>The round with its step's official asked, as the event records it.</summary>
    public ReviewRound With(DecisionRequested asked) => this with
    {
        Steps = [.. Steps.Select(s => s.Step != asked.Step ? s : s with { AskedAt = asked.At })],
    };

    /// <summary>The round with one step's decision in it, as the event records it.</summary>
    public ReviewRound With(ReviewStepDecided d) => this with
    {
        Steps = [.. Steps.Select(s => s.Step != d.Step ? s
            : s with { Decision = d.Decision, Comment = d.Comment, DecidedAt = d.At, DecidedBy = d.By.Email, DecidedFrom = d.By.Address })],
        Outcome = d.RoundOutcome,
        ClosedAt = d.RoundOutcome == ReviewRoundOutcome.Open ? null : d.At,
    };

    /// <summary>When the current step started: the round's submission or the previous step's decision.</summary>
    public DateTimeOffset? CurrentStepStartedAt(ReviewStep step) =>
        step.Step == 1 ? SubmittedAt : Steps.Single(s => s.Step == step.Step - 1).DecidedAt;
}

public sealed record Signing(
    DateOnly SignedOn,
    string Place,
    DateOnly EffectiveFrom,
    IReadOnlyList<Person> Signatories,
    IReadOnlyList<Person> Witnesses,
    DocumentRef Document,
    bool Imported);

public sealed record ActionItem(string Activity, string Owner, DateOnly? DueOn, string? Frequency, ActionItemStatus Status)
{
    /// <summary>Stays with the item through changes to the plan (<c>i1</c>, <c>i2</c>, …); progress is reported against it.</summary>
    public string Id { get; init; } = "";
    // Left out of the stored state while they hold their defaults: a plan of 200 items must stay well inside a table row.
    /// <summary>The partner carries the item out, and reports on it through its link.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool PartnerOwned { get; init; }
    /// <summary>How many progress reports there are, and the day of the latest.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int Reports { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public DateOnly? LastReportOn { get; init; }

    /// <summary>Late: its target date has passed (in the institution's time zone, <paramref name="today"/>) and it is not finished.</summary>
    public bool IsLate(DateOnly today) => DueOn is { } due && due < today && Status is not (ActionItemStatus.Done or ActionItemStatus.Cancelled);
}

/// <summary>How an action-plan item is going, as reported on a day: what was done, by how many warga binaan, with evidence.</summary>
/// <param name="ViaPartnerLink">Reported by the partner through its link rather than by a signed-in user.</param>
public sealed record ProgressReport(
    string ItemId, string Activity, DateOnly Date, string Summary, int? Participants, ActionItemStatus Status,
    IReadOnlyList<DocumentRef> Evidence, DateTimeOffset ReportedAt, string ReportedBy, bool ViaPartnerLink);

public sealed record ItemScore(string Activity, int Score);

public sealed record Evaluation(
    int Number,
    DateOnly PeriodEnd,
    string Summary,
    Recommendation Recommendation,
    IReadOnlyList<ItemScore> ItemScores,
    DocumentRef? Document,
    DateTimeOffset RecordedAt,
    string RecordedBy);

public sealed record Termination(string Reason, DateOnly EffectiveOn, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The partner's current link: only a token naming this id, before it expires, opens the partner's page.</summary>
public sealed record PartnerLink(string Id, DateTimeOffset ExpiresAt, DateTimeOffset IssuedAt, string IssuedBy);
