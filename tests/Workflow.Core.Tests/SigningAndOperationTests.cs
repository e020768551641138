namespace Workflow.Core.Tests;

using static Samples;

public class SigningAndOperationTests
{
    [Fact]
    public void SignMakesActiveWithExpiryFromEffectiveDate()
    {
        var a = Approved();
        var signed = a.Sign(Signing(), Pdf("doc-signed"), Staff, Now);
        Assert.Equal(AgreementStatus.Active, a.Status);
        Assert.Equal(new DateOnly(2025, 11, 5), a.EffectiveFrom);
        Assert.Equal(new DateOnly(2026, 11, 5), a.ExpiresOn);
        Assert.Equal(a.ExpiresOn, signed.ExpiresOn);
    }

    [Fact]
    public void SignUsesTheGivenEffectiveDate()
    {
        var a = Approved();
        a.Sign(Signing() with { EffectiveFrom = new DateOnly(2025, 12, 1) }, Pdf(), Staff, Now);
        Assert.Equal(new DateOnly(2026, 12, 1), a.ExpiresOn);
    }

    [Theory]
    [InlineData(AgreementStatus.Drafting)]
    [InlineData(AgreementStatus.InReview)]
    [InlineData(AgreementStatus.Active)]
    public void SignFailsUnlessApproved(AgreementStatus status)
    {
        var a = status switch
        {
            AgreementStatus.Drafting => Drafting(),
            AgreementStatus.InReview => InReview(),
            _ => Active(),
        };
        Assert.Throws<InvalidMoveException>(() => a.Sign(Signing(), Pdf(), Staff, Now));
    }

    [Fact]
    public void SignFailsForADateNotYetReached()
    {
        var e = Assert.Throws<DomainValidationException>(() => Approved().Sign(Signing(new DateOnly(2025, 11, 6)), Pdf(), Staff, Now));
        Assert.Contains("signedOn", e.Errors.Keys);
    }

    [Fact]
    public void SigningDateFollowsTheInstitutionsTimeZone()
    {
        // 2025-11-05 16:30 UTC is already 6 November in Jayapura (WIT, +9) but still 5 November in Jakarta (WIB, +7).
        var evening = new DateTimeOffset(2025, 11, 5, 16, 30, 0, TimeSpan.Zero);
        foreach (var (zone, allowed) in new[] { ("Asia/Jayapura", true), ("Asia/Jakarta", false) })
        {
            var (a, _) = Agreement.Create("agr-1", New(zone: zone), Staff, evening);
            a.UploadDraft(Pdf(), null, Staff, evening);
            a.SubmitForReview(Steps(1), Officials, Staff, evening);
            a.Decide(1, 1, ReviewDecision.Approve, null, Legal, evening);
            var sign = () => a.Sign(Signing(new DateOnly(2025, 11, 6)), Pdf(), Staff, evening);
            if (allowed) sign(); else Assert.Throws<DomainValidationException>(sign);
        }
    }

    [Fact]
    public void SignNeedsTwoSignatories()
    {
        var e = Assert.Throws<DomainValidationException>(() => Approved().Sign(
            Signing() with { Signatories = [new PersonInput("Agus Salim", "Karutan", "Rutan")] }, Pdf(), Staff, Now));
        Assert.Contains("signatories", e.Errors.Keys);
    }

    [Fact]
    public void ActionPlanIsReplacedWhole()
    {
        var a = Active();
        a.SetActionPlan([new ActionItemInput("Pelatihan konveksi", "Kasi Giatja", ActionItemStatus.Planned, Frequency: "bulanan")], Staff, Now);
        a.SetActionPlan([new ActionItemInput("Pameran produk", "Dewan UKM", ActionItemStatus.InProgress, DueOn: new DateOnly(2026, 2, 1))], Staff, Now);
        Assert.Equal("Pameran produk", Assert.Single(a.ActionPlan).Activity);
    }

    [Fact]
    public void ActionPlanItemNeedsDueDateOrFrequency()
    {
        var e = Assert.Throws<DomainValidationException>(() =>
            Active().SetActionPlan([new ActionItemInput("Pelatihan", "Kasi", ActionItemStatus.Planned)], Staff, Now));
        Assert.Contains("items[0]", e.Errors.Keys);
    }

    [Fact]
    public void ActionPlanFailsDuringReview() =>
        Assert.Throws<InvalidMoveException>(() => InReview().SetActionPlan([], Staff, Now));

    [Fact]
    public void EvaluationScoresMustNameActionPlanActivities()
    {
        var a = Active();
        a.SetActionPlan([new ActionItemInput("Pelatihan konveksi", "Kasi Giatja", ActionItemStatus.InProgress, Frequency: "bulanan")], Staff, Now);
        var later = Now.AddMonths(6);
        var e = Assert.Throws<DomainValidationException>(() => a.RecordEvaluation(
            new EvaluationInput(new DateOnly(2026, 5, 5), "Berjalan baik", Recommendation.Continue, [new ItemScoreInput("Kegiatan lain", 4)]), null, Staff, later));
        Assert.Contains("itemScores[0].activity", e.Errors.Keys);
        var ok = a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "Berjalan baik", Recommendation.Continue,
            [new ItemScoreInput("pelatihan konveksi", 4)]), null, Staff, later);
        Assert.Equal(1, ok.Evaluation.Number);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void EvaluationScoreIsOneToFive(int score)
    {
        var a = Active();
        a.SetActionPlan([new ActionItemInput("Pelatihan", "Kasi", ActionItemStatus.InProgress, Frequency: "bulanan")], Staff, Now);
        Assert.Throws<DomainValidationException>(() => a.RecordEvaluation(
            new EvaluationInput(new DateOnly(2025, 11, 5), "x", Recommendation.Continue, [new ItemScoreInput("Pelatihan", score)]), null, Staff, Now));
    }

    [Fact]
    public void EvaluationPeriodCannotEndInTheFuture()
    {
        var e = Assert.Throws<DomainValidationException>(() => Active().RecordEvaluation(
            new EvaluationInput(new DateOnly(2026, 1, 1), "x", Recommendation.Continue, null), null, Staff, Now));
        Assert.Contains("periodEnd", e.Errors.Keys);
    }

    [Fact]
    public void EvaluationFailsUnlessActive() =>
        Assert.Throws<InvalidMoveException>(() => Approved().RecordEvaluation(
            new EvaluationInput(new DateOnly(2025, 11, 5), "x", Recommendation.Continue, null), null, Staff, Now));

    [Fact]
    public void TerminateRecordsReasonAndDate()
    {
        var a = Active();
        a.Terminate("Mitra membubarkan diri", new DateOnly(2026, 1, 5), Head, Now.AddMonths(2)); // today there: at once
        Assert.Equal(AgreementStatus.Terminated, a.Status);
        Assert.Equal("Mitra membubarkan diri", a.Termination!.Reason);
        Assert.Empty(a.UpcomingTimers(Now.AddMonths(2), NoticePolicy.Default));
    }

    [Fact]
    public void TerminationWithAFutureDateKeepsTheAgreementActiveUntilItsDayThenEndsIt()
    {
        var a = Active(); // 2025-11-05 to 2026-11-05, WITA
        var recorded = a.Terminate("Mitra pindah wilayah", new DateOnly(2026, 3, 31), Head, Now.AddMonths(1));
        Assert.IsType<TerminationScheduled>(recorded);
        Assert.Equal(AgreementStatus.Active, a.Status);
        Assert.Equal(new DateOnly(2026, 3, 31), a.ScheduledTermination!.EffectiveOn);

        // No renewal notice and no expiry any more: the termination's day instead, at the notice hour there.
        var timers = a.UpcomingTimers(Now.AddMonths(1), NoticePolicy.Default);
        Assert.DoesNotContain(timers, t => t.Kind is TimerKind.RenewalNotice or TimerKind.Expiry);
        var effective = Assert.Single(timers, t => t.Kind == TimerKind.TerminationEffective);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), effective.DueAt); // 08:00 WITA

        Assert.Empty(a.FireTimer(effective, NoticePolicy.Default, Head, effective.DueAt.AddMinutes(-1)));
        Assert.Equal(AgreementStatus.Active, a.Status);
        var ended = Assert.IsType<AgreementTerminated>(Assert.Single(a.FireTimer(effective, NoticePolicy.Default, Head, effective.DueAt)));
        Assert.Equal(("Mitra pindah wilayah", new DateOnly(2026, 3, 31)), (ended.Reason, ended.EffectiveOn));
        Assert.Equal(AgreementStatus.Terminated, a.Status);
    }

    [Fact]
    public void AScheduledTerminationWithdrawnLeavesTheAgreementAsItWasAndItsOldTimerPasses()
    {
        var a = Active();
        a.Terminate("Mitra pindah wilayah", new DateOnly(2026, 3, 31), Head, Now.AddMonths(1));
        var effective = a.UpcomingTimers(Now.AddMonths(1), NoticePolicy.Default).Single(t => t.Kind == TimerKind.TerminationEffective);
        Assert.Throws<InvalidMoveException>(() => a.StartRenewal("agr-2", 12, Head, Now.AddMonths(2)));
        Assert.Throws<InvalidMoveException>(() => a.Terminate("lagi", new DateOnly(2026, 2, 1), Head, Now.AddMonths(2)));

        var withdrawn = a.WithdrawTermination("Mitra tetap di wilayah", Head, Now.AddMonths(2));
        Assert.Equal(new DateOnly(2026, 3, 31), withdrawn.EffectiveOn);
        Assert.Null(a.Termination);
        Assert.Contains(a.UpcomingTimers(Now.AddMonths(2), NoticePolicy.Default), t => t.Kind == TimerKind.Expiry);
        Assert.Empty(a.FireTimer(effective, NoticePolicy.Default, Head, effective.DueAt));
        Assert.Equal(AgreementStatus.Active, a.Status);
        Assert.Throws<InvalidMoveException>(() => a.WithdrawTermination("lagi", Head, Now.AddMonths(2)));
    }

    [Fact]
    public void WithdrawingATerminationNeedsAReasonAndChangesNothingWithout()
    {
        var a = Active();
        a.Terminate("Mitra pindah wilayah", new DateOnly(2026, 3, 31), Head, Now.AddMonths(1));
        var e = Assert.Throws<DomainValidationException>(() => a.WithdrawTermination(" ", Head, Now.AddMonths(2)));
        Assert.Contains("reason", e.Errors.Keys);
        Assert.Equal(new DateOnly(2026, 3, 31), a.ScheduledTermination!.EffectiveOn);
    }

    [Fact]
    public void TerminateFailsOutsideTheValidityPeriod()
    {
        var e = Assert.Throws<DomainValidationException>(() => Active().Terminate("x", new DateOnly(2027, 1, 1), Head, Now));
        Assert.Contains("effectiveOn", e.Errors.Keys);
    }

    [Fact]
    public void TerminateFailsUnlessActive()
    {
        Assert.Throws<InvalidMoveException>(() => Approved().Terminate("x", new DateOnly(2025, 11, 5), Head, Now));
        var a = Active();
        a.Terminate("x", new DateOnly(2025, 11, 5), Head, Now);
        Assert.Throws<InvalidMoveException>(() => a.Terminate("lagi", new DateOnly(2025, 11, 5), Head, Now));
    }

    [Fact]
    public void ExpireOnlyOnOrAfterTheExpiryDateInLocalTime()
    {
        var a = Active(); // expires 2026-11-05, WITA (+8)
        Assert.Throws<InvalidMoveException>(() => a.Expire(Staff, new DateTimeOffset(2026, 11, 4, 15, 59, 0, TimeSpan.Zero)));
        a.Expire(Staff, new DateTimeOffset(2026, 11, 4, 16, 0, 0, TimeSpan.Zero)); // 00:00 WITA on the 5th
        Assert.Equal(AgreementStatus.Expired, a.Status);
        Assert.Throws<InvalidMoveException>(() => a.Expire(Staff, Now.AddYears(2)));
    }
}
