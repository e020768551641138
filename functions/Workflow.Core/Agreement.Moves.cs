namespace Workflow.Core;

/// <summary>The commands a person makes on an agreement, each named by its route's last segment (DESIGN.md §4).</summary>
public static class Move
{
    public const string Drafts = "drafts", Review = "review", Decision = "decision", Signing = "signing",
        ActionPlan = "action-plan", Evaluations = "evaluations", Renewal = "renewal", Termination = "termination",
        /// <summary>A progress report on an action-plan item (<c>POST …/action-plan/{itemId}/progress</c>).</summary>
        Progress = "progress",
        /// <summary>Sending the partner's contact a link to the agreement's page for partners (<c>POST …/partner-link</c>).</summary>
        PartnerLink = "partner-link",
        /// <summary>Withdrawing a scheduled termination (<c>POST …/termination/withdrawal</c>).</summary>
        Withdrawal = "withdrawal";

    public static readonly IReadOnlyList<string> All = [Drafts, Review, Decision, Signing, ActionPlan, Progress, Evaluations, Renewal, Termination, Withdrawal, PartnerLink];
}

/// <summary>
/// Why a move is refused: as officials read it (Bahasa Indonesia, also the 409's detail) and in English, for the pages'
/// English view. Both written here, beside the rule.
/// </summary>
public sealed record Refusal(string Text, string English)
{
    public override string ToString() => Text;
}

/// <summary>A move and, when the agreement does not allow it now, why (what the command itself would answer, 409).</summary>
public sealed record MoveOption(string Move, Refusal? Refusal)
{
    public bool Allowed => Refusal is null;
}

public sealed partial class Agreement
{
    /// <summary>Every move, allowed now or with its reason not to be: what screens offer, from the rules the commands check.</summary>
    public IReadOnlyList<MoveOption> Moves(DateTimeOffset now) => [.. Move.All.Select(m => new MoveOption(m, RefusalOf(m, now)))];

    /// <summary>Why the agreement does not allow the move now; null when it does.</summary>
    public Refusal? RefusalOf(string move, DateTimeOffset now) => move switch
    {
        Move.Drafts => StatusRefusal("mengunggah draf", "upload a draft", AgreementStatus.Exploring, AgreementStatus.Drafting),
        Move.Review => StatusRefusal("mengajukan reviu", "submit for review", AgreementStatus.Drafting) ?? ReviewRefusal(),
        Move.Decision => DecisionStateRefusal(),
        Move.Signing => StatusRefusal("mencatat penandatanganan", "record the signing", AgreementStatus.Approved),
        Move.ActionPlan => StatusRefusal("mengubah rencana aksi", "change the action plan",
            AgreementStatus.Exploring, AgreementStatus.Drafting, AgreementStatus.Approved, AgreementStatus.Active),
        Move.Progress => StatusRefusal("melaporkan kemajuan rencana aksi", "report action-plan progress", AgreementStatus.Active)
            ?? (ActionPlan.Count == 0 ? new("Belum ada rencana aksi untuk dilaporkan kemajuannya.", "There is no action plan to report on yet.") : null),
        Move.Evaluations => StatusRefusal("mencatat evaluasi", "record an evaluation", AgreementStatus.Active),
        Move.PartnerLink => StatusRefusal("mengirim tautan mitra", "send the partner's link", AgreementStatus.Approved, AgreementStatus.Active),
        Move.Renewal => StatusRefusal("memulai perpanjangan", "start a renewal", AgreementStatus.Active) ?? ScheduledTerminationRefusal() ?? RenewalRefusal(now),
        Move.Termination => StatusRefusal("mengakhiri perjanjian", "terminate the agreement", AgreementStatus.Active) ?? ScheduledTerminationRefusal(),
        Move.Withdrawal => StatusRefusal("membatalkan pengakhiran", "withdraw a termination", AgreementStatus.Active)
            ?? (ScheduledTermination is null ? new("Tidak ada pengakhiran terjadwal yang dapat dibatalkan.", "No termination is scheduled to withdraw.") : null),
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, "Not a move."),
    };

    /// <summary>Why this person may not decide the step now waiting (nobody decides in a round they submitted, or two steps of one); null when they may.</summary>
    public Refusal? DecisionRefusalFor(string email) => OpenRound switch
    {
        null => DecisionStateRefusal(),
        { } open when SamePerson(email, open.SubmittedBy) => new("Anda mengajukan putaran reviu ini; keputusannya harus diambil pejabat lain.",
            "You submitted this review round; another official must decide it."),
        { } open when open.Steps.Any(s => SamePerson(s.DecidedBy, email)) => new(
            "Anda sudah memutuskan langkah lain pada putaran ini; setiap langkah diputuskan orang yang berbeda.",
            "You already decided another step of this round; each step is decided by a different person."),
        _ => null,
    };

    private Refusal? ScheduledTerminationRefusal() => ScheduledTermination is { } t
        ? new($"Pengakhiran sudah dijadwalkan berlaku {t.EffectiveOn:yyyy-MM-dd}; batalkan dulu bila akan diubah.",
            $"A termination is already scheduled for {t.EffectiveOn:yyyy-MM-dd}; withdraw it first to change it.")
        : null;

    /// <summary>The command's own check: the move is refused (409) for the reason <see cref="RefusalOf"/> gives.</summary>
    private void Check(string move, DateTimeOffset now)
    {
        if (RefusalOf(move, now) is { } refusal) throw new InvalidMoveException(refusal.Text);
    }

    private Refusal? DecisionStateRefusal() => Status == AgreementStatus.InReview && OpenRound is not null
        ? null
        : new($"Tidak dapat memutuskan: perjanjian tidak sedang direviu (status {StatusLabel(Status)}).",
            $"Cannot decide: the agreement is not in review (it is {StatusLabelEnglish(Status)}).");

    private Refusal? ReviewRefusal()
    {
        if (LatestDraft is not { } draft) return new("Tidak dapat mengajukan reviu: belum ada draf yang diunggah.", "Cannot submit for review: no draft has been uploaded.");
        var lastReviewed = LatestRound?.DraftVersion ?? 0;
        return draft.Version <= lastReviewed
            ? new($"Tidak dapat mengajukan reviu: draf versi {lastReviewed} sudah direviu; unggah versi baru terlebih dahulu.",
                $"Cannot submit for review: draft version {lastReviewed} has been reviewed; upload a new version first.")
            : null;
    }

    private Refusal? RenewalRefusal(DateTimeOffset now)
    {
        if (PendingRenewalId is not null) return new($"Perpanjangan sudah dimulai ({PendingRenewalId}).", $"A renewal has already been started ({PendingRenewalId}).");
        var since = Today(now).AddMonths(-RenewalNeedsEvaluationWithinMonths);
        return EvaluatedThrough >= since
            ? null
            : new($"Perpanjangan memerlukan evaluasi dalam {RenewalNeedsEvaluationWithinMonths} bulan terakhir (sejak {since:yyyy-MM-dd}).",
                $"A renewal needs an evaluation in the last {RenewalNeedsEvaluationWithinMonths} months (since {since:yyyy-MM-dd}).");
    }

    private Refusal? StatusRefusal(string move, string moveEnglish, params AgreementStatus[] allowed) => allowed.Contains(Status)
        ? null
        : new($"Tidak dapat {move}: status perjanjian {StatusLabel(Status)}, harus {string.Join(" atau ", allowed.Select(StatusLabel))}.",
            $"Cannot {moveEnglish}: the agreement is {StatusLabelEnglish(Status)}; it must be {string.Join(" or ", allowed.Select(StatusLabelEnglish))}.");

    private void Require(string move, string moveEnglish, params AgreementStatus[] allowed)
    {
        if (StatusRefusal(move, moveEnglish, allowed) is { } refusal) throw new InvalidMoveException(refusal.Text);
    }

    /// <summary>The status in English, as the pages' English view names it.</summary>
    public static string StatusLabelEnglish(AgreementStatus status) => status == AgreementStatus.InReview ? "In review" : status.ToString();

    /// <summary>The status as officials read it in Bahasa Indonesia.</summary>
    public static string StatusLabel(AgreementStatus status) => status switch
    {
        AgreementStatus.Exploring => "Penjajakan",
        AgreementStatus.Drafting => "Penyusunan draf",
        AgreementStatus.InReview => "Dalam reviu",
        AgreementStatus.Approved => "Disetujui",
        AgreementStatus.Active => "Berlaku",
        AgreementStatus.Renewed => "Diperpanjang",
        AgreementStatus.Expired => "Kedaluwarsa",
        AgreementStatus.Terminated => "Diakhiri",
        AgreementStatus.Rejected => "Ditolak",
        _ => status.ToString(),
    };
}
