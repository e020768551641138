using static Workflow.Core.Tests.Samples;

namespace Workflow.Core.Tests;

/// <summary>What an agreement says it allows now is what its commands accept, and a refused move's reason is the command's own.</summary>
public sealed class MoveTests
{
    private static IEnumerable<string> Allowed(Agreement a, DateTimeOffset now) => a.Moves(now).Where(m => m.Allowed).Select(m => m.Move);

    /// <summary>Each move tried as its command, on a copy: null when accepted (or refused only for its input), else the 409's reason.</summary>
    private static string? Attempt(Func<Agreement> make, string move, DateTimeOffset now)
    {
        var a = make();
        try
        {
            _ = move switch
            {
                Move.Drafts => (object)a.UploadDraft(Pdf("doc-9"), null, Staff, now),
                Move.Review => a.SubmitForReview(Steps(1), Officials, Staff, now),
                Move.Decision => a.Decide(a.OpenRound?.Round ?? 1, a.OpenRound?.CurrentStep?.Step ?? 1, ReviewDecision.Approve, null, Admin, now),
                Move.Signing => a.Sign(Signing(), Pdf("doc-s"), Staff, now),
                Move.ActionPlan => a.SetActionPlan([], Staff, now),
                Move.Progress => a.ReportProgress(a.ActionPlan.FirstOrDefault()?.Id ?? "i1",
                    new ProgressInput(DateOnly.FromDateTime(now.UtcDateTime), "Berjalan.", ActionItemStatus.InProgress), [], Staff, now),
                Move.Evaluations => a.RecordEvaluation(new EvaluationInput(DateOnly.FromDateTime(now.UtcDateTime), "Baik.", Recommendation.Continue, null), null, Staff, now),
                Move.Renewal => a.StartRenewal("agr-2", 12, Staff, now),
                Move.Termination => a.Terminate("Tidak berlanjut.", DateOnly.FromDateTime(now.UtcDateTime), Staff, now),
                Move.Withdrawal => a.WithdrawTermination("Mitra melanjutkan.", Staff, now),
                Move.PartnerLink => a.IssuePartnerLink("l1", now.AddDays(90), Staff, now),
                _ => throw new ArgumentOutOfRangeException(nameof(move)),
            };
            return null;
        }
        catch (InvalidMoveException e) { return e.Message; }
        catch (DomainValidationException) { return null; }
    }

    public static TheoryData<string> Agreements => ["exploring", "drafting", "in review", "approved", "active", "active, evaluated", "termination scheduled", "terminated"];

    private static Func<Agreement> Make(string name) => name switch
    {
        "exploring" => () => Agreement.Create("agr-1", New(), Staff, Now).Agreement,
        "drafting" => Drafting,
        "in review" => () => InReview(2),
        "approved" => Approved,
        "active" => () => Active(),
        "active, evaluated" => () =>
        {
            var a = Active();
            a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "Baik.", Recommendation.Continue, null), null, Staff, Now.AddMonths(6));
            return a;
        },
        "termination scheduled" => () =>
        {
            var a = Active();
            a.Terminate("Mitra pindah wilayah.", new DateOnly(2026, 6, 30), Staff, Now.AddMonths(1));
            return a;
        },
        "terminated" => () =>
        {
            var a = Active();
            a.Terminate("Mitra bubar.", new DateOnly(2025, 12, 1), Staff, Now.AddMonths(1));
            return a;
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Agreements))]
    public void EachMoveIsAllowedExactlyWhenItsCommandAcceptsItAndRefusedWithTheCommandsReason(string name)
    {
        var now = Now.AddMonths(7);
        foreach (var option in Make(name)().Moves(now))
            Assert.Equal(option.Refusal?.Text, Attempt(Make(name), option.Move, now));
    }

    [Fact]
    public void AnActiveAgreementOffersRenewalOnlyAfterARecentEvaluationAndOnce()
    {
        var a = Active();
        var now = Now.AddMonths(7);
        Assert.DoesNotContain(Move.Renewal, Allowed(a, now));
        Assert.StartsWith("Perpanjangan memerlukan evaluasi dalam 12 bulan terakhir", a.RefusalOf(Move.Renewal, now)!.Text);

        a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "Baik.", Recommendation.Renew, null), null, Staff, now);
        Assert.Contains(Move.Renewal, Allowed(a, now));
        a.StartRenewal("agr-2", 12, Staff, now);
        Assert.Equal("Perpanjangan sudah dimulai (agr-2).", a.RefusalOf(Move.Renewal, now)!.Text);
        Assert.Equal([Move.ActionPlan, Move.Evaluations, Move.Termination, Move.PartnerLink], Allowed(a, now));
    }

    [Fact]
    public void ReviewIsOfferedOnlyForADraftNotYetReviewed()
    {
        var a = InReview(1);
        a.Decide(1, 1, ReviewDecision.Revise, "Perbaiki pasal 3.", Legal, Now);
        Assert.Equal([Move.Drafts, Move.ActionPlan], Allowed(a, Now));
        Assert.Contains("sudah direviu", a.RefusalOf(Move.Review, Now)!.Text);
        a.UploadDraft(Pdf("doc-2"), null, Staff, Now);
        Assert.Contains(Move.Review, Allowed(a, Now));
    }

    [Fact]
    public void RefusalsNameTheStatusInBahasaIndonesiaAndInEnglish()
    {
        var refusal = Active().RefusalOf(Move.Drafts, Now)!;
        Assert.Equal("Tidak dapat mengunggah draf: status perjanjian Berlaku, harus Penjajakan atau Penyusunan draf.", refusal.Text);
        Assert.Equal("Cannot upload a draft: the agreement is Active; it must be Exploring or Drafting.", refusal.English);
    }

    [Theory]
    [MemberData(nameof(Agreements))]
    public void EveryRefusalHasAnEnglishReasonThatIsNotTheIndonesianOne(string name)
    {
        var a = Make(name)();
        Assert.All(a.Moves(Now.AddMonths(1)).Where(m => !m.Allowed), m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Refusal!.English));
            Assert.NotEqual(m.Refusal.Text, m.Refusal.English);
        });
    }

    [Fact]
    public void TheSubmitterAndWhoeverDecidedAStepMayNotDecideAnother()
    {
        var a = InReview(2);
        Assert.Contains("Anda mengajukan", a.DecisionRefusalFor(Staff.Email)!.Text);
        Assert.Null(a.DecisionRefusalFor(Legal.Email));
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now);
        Assert.Contains("sudah memutuskan", a.DecisionRefusalFor(Legal.Email)!.Text);
        Assert.Null(a.DecisionRefusalFor(Head.Email));
    }
}
