namespace Workflow.Core;

public sealed partial class Agreement
{
    public const int MaxReviewSteps = 10;

    public ReviewRound? OpenRound => ReviewRounds.Count > 0 && ReviewRounds[^1].Outcome == ReviewRoundOutcome.Open ? ReviewRounds[^1] : null;

    public DraftUploaded UploadDraft(DocumentRef document, string? note, Actor by, DateTimeOffset now)
    {
        Require("mengunggah draf", AgreementStatus.Exploring, AgreementStatus.Drafting);
        var v = new Validator();
        var cleanNote = v.OptionalText("note", note, 2000);
        v.ThrowIfAny();
        var draft = new DraftVersion(Drafts.Count + 1, document, cleanNote, now, by.Email);
        Drafts = [.. Drafts, draft];
        Status = AgreementStatus.Drafting;
        return new DraftUploaded(now, by, draft);
    }

    public ReviewSubmitted SubmitForReview(IReadOnlyList<ReviewStepInput>? steps, Actor by, DateTimeOffset now)
    {
        Require("mengajukan reviu", AgreementStatus.Drafting);
        if (Drafts.Count == 0)
            throw new InvalidMoveException("Tidak dapat mengajukan reviu: belum ada draf yang diunggah.");
        var lastReviewed = ReviewRounds.Count > 0 ? ReviewRounds[^1].DraftVersion : 0;
        if (Drafts[^1].Version <= lastReviewed)
            throw new InvalidMoveException(
                $"Tidak dapat mengajukan reviu: draf versi {lastReviewed} sudah direviu; unggah versi baru terlebih dahulu.");

        var v = new Validator();
        var validSteps = v.List("steps", steps, 1, MaxReviewSteps)
            .Select((s, i) => s is null
                ? new ReviewStep(i + 1, ReviewerRole.Other, "", "", 0)
                : new ReviewStep(i + 1, v.Required($"steps[{i}].role", s.Role), v.Text($"steps[{i}].name", s.Name, 200),
                    v.Email($"steps[{i}].email", s.Email), v.Range($"steps[{i}].daysAllowed", s.DaysAllowed, 1, 60)))
            .ToList();
        if (steps?.Any(s => s is null) == true) v.Add("steps", "Langkah reviu tidak boleh kosong.");
        v.ThrowIfAny();

        var round = new ReviewRound(ReviewRounds.Count + 1, Drafts[^1].Version, validSteps, ReviewRoundOutcome.Open, now, by.Email);
        ReviewRounds = [.. ReviewRounds, round];
        Status = AgreementStatus.InReview;
        return new ReviewSubmitted(now, by, round);
    }

    /// <summary>Records one official's decision on the step that is waiting for it.</summary>
    public ReviewStepDecided Decide(int round, int step, ReviewDecision decision, string? comment, Actor by, DateTimeOffset now)
    {
        var open = OpenRound;
        if (Status != AgreementStatus.InReview || open is null)
            throw new InvalidMoveException($"Tidak dapat memutuskan: perjanjian tidak sedang direviu (status {Status}).");
        if (round != open.Round)
            throw new InvalidMoveException($"Putaran reviu {round} sudah ditutup; putaran yang berjalan adalah {open.Round}.");
        var target = open.Steps.FirstOrDefault(s => s.Step == step)
            ?? throw new InvalidMoveException($"Putaran reviu {round} tidak memiliki langkah {step}.");
        if (target.Decision is not null)
            throw new InvalidMoveException($"Langkah {step} sudah diputuskan ({target.Decision}).");
        if (open.CurrentStep!.Step != step)
            throw new InvalidMoveException($"Langkah {step} belum dapat diputuskan: langkah {open.CurrentStep.Step} masih menunggu.");

        var v = new Validator();
        var cleanComment = decision == ReviewDecision.Approve
            ? v.OptionalText("comment", comment, 4000)
            : v.Text("comment", comment, 4000);
        v.ThrowIfAny();

        var decided = target with { Decision = decision, Comment = cleanComment, DecidedAt = now, DecidedBy = by.Email, DecidedFrom = by.Address };
        var steps = open.Steps.Select(s => s.Step == step ? decided : s).ToList();
        var outcome = decision switch
        {
            ReviewDecision.Revise => ReviewRoundOutcome.ChangesRequested,
            ReviewDecision.Reject => ReviewRoundOutcome.Rejected,
            _ => steps.All(s => s.Decision == ReviewDecision.Approve) ? ReviewRoundOutcome.Approved : ReviewRoundOutcome.Open,
        };
        ReviewRounds = [.. ReviewRounds.Take(ReviewRounds.Count - 1),
            open with { Steps = steps, Outcome = outcome, ClosedAt = outcome == ReviewRoundOutcome.Open ? null : now }];
        Status = outcome switch
        {
            ReviewRoundOutcome.Approved => AgreementStatus.Approved,
            ReviewRoundOutcome.ChangesRequested => AgreementStatus.Drafting,
            ReviewRoundOutcome.Rejected => AgreementStatus.Rejected,
            _ => AgreementStatus.InReview,
        };
        return new ReviewStepDecided(now, by, round, step, target.Role, target.Email, decision, cleanComment, outcome, Status);
    }
}
