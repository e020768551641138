namespace Workflow.Core;

/// <summary>The commands a person makes on an agreement, each named by its route's last segment (DESIGN.md §4).</summary>
public static class Move
{
    public const string Drafts = "drafts", Review = "review", Decision = "decision", Signing = "signing",
        ActionPlan = "action-plan", Evaluations = "evaluations", Renewal = "renewal", Termination = "termination",
        /// <summary>Withdrawing a scheduled termination (<c>POST …/termination/withdrawal</c>).</summary>
        Withdrawal = "withdrawal";

    public static readonly IReadOnlyList<string> All = [Drafts, Review, Decision, Signing, ActionPlan, Evaluations, Renewal, Termination, Withdrawal];
}

/// <summary>A move and, when the agreement does not allow it now, why (what the command itself would answer, 409).</summary>
public sealed record MoveOption(string Move, string? Refusal)
{
    public bool Allowed => Refusal is null;
}

public sealed partial class Agreement
{
    /// <summary>Every move, allowed now or with its reason not to be: what screens offer, from the rules the commands check.</summary>
    public IReadOnlyList<MoveOption> Moves(DateTimeOffset now) => [.. Move.All.Select(m => new MoveOption(m, RefusalOf(m, now)))];

    /// <summary>Why the agreement does not allow the move now (Bahasa Indonesia); null when it does.</summary>
    public string? RefusalOf(string move, DateTimeOffset now) => move switch
    {
        Move.Drafts => StatusRefusal("mengunggah draf", AgreementStatus.Exploring, AgreementStatus.Drafting),
        Move.Review => StatusRefusal("mengajukan reviu", AgreementStatus.Drafting) ?? ReviewRefusal(),
        Move.Decision => DecisionStateRefusal(),
        Move.Signing => StatusRefusal("mencatat penandatanganan", AgreementStatus.Approved),
        Move.ActionPlan => StatusRefusal("mengubah rencana aksi", AgreementStatus.Exploring, AgreementStatus.Drafting, AgreementStatus.Approved, AgreementStatus.Active),
        Move.Evaluations => StatusRefusal("mencatat evaluasi", AgreementStatus.Active),
        Move.Renewal => StatusRefusal("memulai perpanjangan", AgreementStatus.Active) ?? ScheduledTerminationRefusal() ?? RenewalRefusal(now),
        Move.Termination => StatusRefusal("mengakhiri perjanjian", AgreementStatus.Active) ?? ScheduledTerminationRefusal(),
        Move.Withdrawal => StatusRefusal("membatalkan pengakhiran", AgreementStatus.Active)
            ?? (ScheduledTermination is null ? "Tidak ada pengakhiran terjadwal yang dapat dibatalkan." : null),
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, "Not a move."),
    };

    /// <summary>Why this person may not decide the step now waiting (nobody decides in a round they submitted, or two steps of one); null when they may.</summary>
    public string? DecisionRefusalFor(string email) => OpenRound switch
    {
        null => DecisionStateRefusal(),
        { } open when SamePerson(email, open.SubmittedBy) => "Anda mengajukan putaran reviu ini; keputusannya harus diambil pejabat lain.",
        { } open when open.Steps.Any(s => SamePerson(s.DecidedBy, email)) =>
            "Anda sudah memutuskan langkah lain pada putaran ini; setiap langkah diputuskan orang yang berbeda.",
        _ => null,
    };

    private string? ScheduledTerminationRefusal() => ScheduledTermination is { } t
        ? $"Pengakhiran sudah dijadwalkan berlaku {t.EffectiveOn:yyyy-MM-dd}; batalkan dulu bila akan diubah."
        : null;

    /// <summary>The command's own check: the move is refused (409) for the reason <see cref="RefusalOf"/> gives.</summary>
    private void Check(string move, DateTimeOffset now)
    {
        if (RefusalOf(move, now) is { } refusal) throw new InvalidMoveException(refusal);
    }

    private string? DecisionStateRefusal() => Status == AgreementStatus.InReview && OpenRound is not null
        ? null
        : $"Tidak dapat memutuskan: perjanjian tidak sedang direviu (status {StatusLabel(Status)}).";

    private string? ReviewRefusal()
    {
        if (LatestDraft is not { } draft) return "Tidak dapat mengajukan reviu: belum ada draf yang diunggah.";
        var lastReviewed = LatestRound?.DraftVersion ?? 0;
        return draft.Version <= lastReviewed
            ? $"Tidak dapat mengajukan reviu: draf versi {lastReviewed} sudah direviu; unggah versi baru terlebih dahulu."
            : null;
    }

    private string? RenewalRefusal(DateTimeOffset now)
    {
        if (PendingRenewalId is not null) return $"Perpanjangan sudah dimulai ({PendingRenewalId}).";
        var since = Today(now).AddMonths(-RenewalNeedsEvaluationWithinMonths);
        return EvaluatedThrough >= since
            ? null
            : $"Perpanjangan memerlukan evaluasi dalam {RenewalNeedsEvaluationWithinMonths} bulan terakhir (sejak {since:yyyy-MM-dd}).";
    }

    private string? StatusRefusal(string move, params AgreementStatus[] allowed) => allowed.Contains(Status)
        ? null
        : $"Tidak dapat {move}: status perjanjian {StatusLabel(Status)}, harus {string.Join(" atau ", allowed.Select(StatusLabel))}.";

    private void Require(string move, params AgreementStatus[] allowed)
    {
        if (StatusRefusal(move, allowed) is { } refusal) throw new InvalidMoveException(refusal);
    }

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
