namespace Workflow.Core;

/// <summary>
/// The lists an agreement builds up over its life: every draft version, review round, evaluation and progress report. They are
/// not kept in the agreement (whose size must not grow with its age) but folded from its events when shown.
/// </summary>
public sealed record AgreementHistory(
    IReadOnlyList<DraftVersion> Drafts, IReadOnlyList<ReviewRound> ReviewRounds, IReadOnlyList<Evaluation> Evaluations, IReadOnlyList<ProgressReport> Progress)
{
    public static readonly AgreementHistory Empty = new([], [], [], []);

    /// <summary>The event types that change the history; the others can be left unread.</summary>
    public static readonly IReadOnlyList<string> EventTypes =
        [nameof(DraftUploaded), nameof(ReviewSubmitted), nameof(DecisionRequested), nameof(ReviewStepDecided), nameof(EvaluationRecorded), nameof(ProgressReported)];

    public AgreementHistory With(IEnumerable<AgreementEvent> events) => events.Aggregate(this, (history, e) => history.With(e));

    public AgreementHistory With(AgreementEvent e) => e switch
    {
        DraftUploaded d => this with { Drafts = [.. Drafts, d.Draft] },
        ReviewSubmitted s => this with { ReviewRounds = [.. ReviewRounds, s.Round] },
        DecisionRequested a => this with { ReviewRounds = [.. ReviewRounds.Select(r => r.Round == a.Round ? r.With(a) : r)] },
        ReviewStepDecided d => this with { ReviewRounds = [.. ReviewRounds.Select(r => r.Round == d.Round ? r.With(d) : r)] },
        EvaluationRecorded r => this with { Evaluations = [.. Evaluations, r.Evaluation] },
        ProgressReported p => this with { Progress = [.. Progress, p.Report] },
        _ => this,
    };

    public ReviewRound? Round(int number) => ReviewRounds.FirstOrDefault(r => r.Round == number);

    /// <summary>The draft a round reviewed.</summary>
    public DocumentRef? DraftOf(ReviewRound round) => round.Draft ?? Drafts.FirstOrDefault(d => d.Version == round.DraftVersion)?.Document;

    /// <summary>Every document the agreement refers to: drafts, the signed copy, evaluation files, progress evidence.</summary>
    public IEnumerable<DocumentRef> Documents(Agreement a) =>
        Drafts.Select(d => d.Document)
            .Concat(a.Signing is { } s ? [s.Document] : [])
            .Concat(Evaluations.Select(e => e.Document).OfType<DocumentRef>())
            .Concat(Progress.SelectMany(p => p.Evidence));
}
