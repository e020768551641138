namespace Workflow.Core;

/// <summary>
/// Who the directory allows on the review steps that speak for an office: the head of the institution
/// and the delegates an admin registered; the Kanwil's head and reviewers for the agreement's region.
/// </summary>
public sealed record ReviewOfficials(IReadOnlyCollection<string> HeadOfInstitution, IReadOnlyCollection<string> Kanwil)
{
    public static readonly ReviewOfficials None = new([], []);
}

public sealed partial class Agreement
{
    public const int MaxReviewSteps = 10;

    public ReviewRound? OpenRound => LatestRound is { Outcome: ReviewRoundOutcome.Open } round ? round : null;

    /// <summary>The draft the latest round reviews (for an earlier round, see <see cref="AgreementHistory.DraftOf"/>).</summary>
    public DraftVersion? DraftOfLatestRound =>
        LatestRound is { } round && LatestDraft is { } draft
            ? round.Draft is { } document ? new DraftVersion(round.DraftVersion, document, null, round.SubmittedAt, round.SubmittedBy)
            : draft.Version == round.DraftVersion ? draft : null
            : null;

    public DraftUploaded UploadDraft(DocumentRef document, string? note, Actor by, DateTimeOffset now)
    {
        Check(Move.Drafts, now);
        var v = new Validator();
        var cleanNote = v.OptionalLine("note", note, 2000);
        v.ThrowIfAny();
        var draft = new DraftVersion(DraftCount + 1, document, cleanNote, now, by.Email);
        (LatestDraft, DraftCount) = (draft, draft.Version);
        Status = AgreementStatus.Drafting;
        return new DraftUploaded(now, by, draft);
    }

    /// <summary>
    /// Opens a review round on the newest draft. Segregation of duties: a HeadOfInstitution or Kanwil step names one of
    /// the <paramref name="officials"/> the directory allows, the submitter is none of the officials, and nobody holds two steps.
    /// </summary>
    public ReviewSubmitted SubmitForReview(IReadOnlyList<ReviewStepInput>? steps, ReviewOfficials officials, Actor by, DateTimeOffset now)
    {
        Check(Move.Review, now);
        var draft = LatestDraft!;

        var v = new Validator();
        var validSteps = v.List("steps", steps, 1, MaxReviewSteps)
            .Select((s, i) => s is null
                ? new ReviewStep(i + 1, ReviewerRole.Other, "", "", 0)
                : new ReviewStep(i + 1, v.Required($"steps[{i}].role", s.Role), v.Line($"steps[{i}].name", s.Name, 200),
                    v.Email($"steps[{i}].email", s.Email), v.Range($"steps[{i}].daysAllowed", s.DaysAllowed, 1, 60)))
            .ToList();
        if (steps?.Any(s => s is null) == true) v.Add("steps", "Langkah reviu tidak boleh kosong.");
        CheckDuties(validSteps, officials, by, v);
        v.ThrowIfAny();

        var round = new ReviewRound((LatestRound?.Round ?? 0) + 1, draft.Version, validSteps, ReviewRoundOutcome.Open, now, by.Email, Draft: draft.Document);
        LatestRound = round;
        Status = AgreementStatus.InReview;
        return new ReviewSubmitted(now, by, round);
    }

    private static void CheckDuties(IReadOnlyList<ReviewStep> steps, ReviewOfficials officials, Actor by, Validator v)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var email = steps[i].Email;
            if (email.Length == 0) continue;
            if (SamePerson(email, by.Email))
                v.Add($"steps[{i}].email", "Pengaju reviu tidak boleh menjadi pejabat pada putarannya sendiri.");
            else if (steps.Take(i).Any(s => SamePerson(s.Email, email)))
                v.Add($"steps[{i}].email", "Satu orang hanya memegang satu langkah dalam satu putaran.");
            if (steps[i].Role == ReviewerRole.HeadOfInstitution && !officials.HeadOfInstitution.Contains(email, StringComparer.OrdinalIgnoreCase))
                v.Add($"steps[{i}].email", Allowed("Langkah Kepala Lembaga diisi kepala lembaga atau delegasi yang didaftarkan admin", officials.HeadOfInstitution));
            if (steps[i].Role == ReviewerRole.Kanwil && !officials.Kanwil.Contains(email, StringComparer.OrdinalIgnoreCase))
                v.Add($"steps[{i}].email", Allowed("Langkah Kanwil diisi kepala Kanwil atau peninjau Kanwil wilayah ini yang didaftarkan admin", officials.Kanwil));
        }
    }

    private static string Allowed(string rule, IReadOnlyCollection<string> emails) =>
        emails.Count == 0 ? $"{rule}; belum ada yang terdaftar." : $"{rule}: {string.Join(", ", emails)}.";

    private static bool SamePerson(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The official of the step now waiting is asked for a decision: once. Nothing (null) when the step is no longer the
    /// one waiting, or its official was asked already.
    /// </summary>
    public DecisionRequested? AskOfficial(int round, int step, Actor by, DateTimeOffset now)
    {
        if (OpenRound is not { CurrentStep: { } waiting } open || open.Round != round || waiting.Step != step || waiting.AskedAt is not null) return null;
        var asked = new DecisionRequested(now, by, round, step, waiting.Role, waiting.Email);
        LatestRound = open.With(asked);
        return asked;
    }

    /// <summary>Records one official's decision on the step that is waiting for it. Nobody decides in a round they submitted, or two steps of one round.</summary>
    public ReviewStepDecided Decide(int round, int step, ReviewDecision decision, string? comment, Actor by, DateTimeOffset now)
    {
        Check(Move.Decision, now);
        var open = OpenRound!;
        if (round != open.Round)
            throw new InvalidMoveException($"Putaran reviu {round} sudah ditutup; putaran yang berjalan adalah {open.Round}.");
        var target = open.Steps.FirstOrDefault(s => s.Step == step)
            ?? throw new InvalidMoveException($"Putaran reviu {round} tidak memiliki langkah {step}.");
        if (target.Decision is not null)
            throw new InvalidMoveException($"Langkah {step} sudah diputuskan ({target.Decision}).");
        if (open.CurrentStep!.Step != step)
            throw new InvalidMoveException($"Langkah {step} belum dapat diputuskan: langkah {open.CurrentStep.Step} masih menunggu.");
        if (DecisionRefusalFor(by.Email) is { } refusal) throw new InvalidMoveException(refusal.Text);

        var v = new Validator();
        var cleanComment = decision == ReviewDecision.Approve
            ? v.OptionalText("comment", comment, 4000)
            : v.Text("comment", comment, 4000);
        v.ThrowIfAny();

        var outcome = open.OutcomeAfter(step, decision);
        Status = outcome switch
        {
            ReviewRoundOutcome.Approved => AgreementStatus.Approved,
            ReviewRoundOutcome.ChangesRequested => AgreementStatus.Drafting,
            ReviewRoundOutcome.Rejected => AgreementStatus.Rejected,
            _ => AgreementStatus.InReview,
        };
        var decided = new ReviewStepDecided(now, by, round, step, target.Role, target.Email, decision, cleanComment, outcome, Status);
        LatestRound = open.With(decided);
        return decided;
    }
}
