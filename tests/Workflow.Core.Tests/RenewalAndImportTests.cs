namespace Workflow.Core.Tests;

using static Samples;

public class RenewalAndImportTests
{
    private static readonly DateTimeOffset NineMonthsLater = Now.AddMonths(9);

    private static Agreement Evaluated()
    {
        var a = Active();
        a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "Program berjalan", Recommendation.Renew, null), null, Staff, NineMonthsLater);
        return a;
    }

    [Fact]
    public void RenewalNeedsARecentEvaluation()
    {
        var e = Assert.Throws<InvalidMoveException>(() => Active().StartRenewal("agr-2", 24, Staff, NineMonthsLater));
        Assert.Contains("evaluasi", e.Message);
    }

    [Fact]
    public void RenewalFailsWhenTheOnlyEvaluationIsOlderThanTwelveMonths()
    {
        var a = Active(36);
        a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 1, 31), "x", Recommendation.Continue, null), null, Staff, Now.AddMonths(3));
        Assert.Throws<InvalidMoveException>(() => a.StartRenewal("agr-2", 24, Staff, new DateTimeOffset(2027, 2, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void StartRenewalSeedsTheNewAgreementFromThisOne()
    {
        var a = Evaluated();
        var (started, seed) = a.StartRenewal("agr-2", 24, Staff, NineMonthsLater);
        Assert.Equal("agr-2", started.RenewalId);
        Assert.Equal("agr-2", a.PendingRenewalId);
        Assert.Equal(AgreementStatus.Active, a.Status);
        var (renewal, _) = Agreement.Create("agr-2", seed, Staff, NineMonthsLater);
        Assert.Equal(AgreementStatus.Drafting, renewal.Status);
        Assert.Equal("agr-1", renewal.RenewalOfId);
        Assert.Equal(24, renewal.ValidityMonths);
        Assert.Equal(a.Scope, renewal.Scope);
    }

    [Fact]
    public void RenewalCannotStartTwice()
    {
        var a = Evaluated();
        a.StartRenewal("agr-2", 24, Staff, NineMonthsLater);
        Assert.Throws<InvalidMoveException>(() => a.StartRenewal("agr-3", 24, Staff, NineMonthsLater));
    }

    [Fact]
    public void RenewalValidityIsChecked()
    {
        var e = Assert.Throws<DomainValidationException>(() => Evaluated().StartRenewal("agr-2", 6, Staff, NineMonthsLater));
        Assert.Contains("validityMonths", e.Errors.Keys);
    }

    [Fact]
    public void RenewalSignedMarksTheOldAgreementRenewed()
    {
        var a = Evaluated();
        a.StartRenewal("agr-2", 24, Staff, NineMonthsLater);
        a.MarkRenewed("agr-2", Staff, NineMonthsLater);
        Assert.Equal(AgreementStatus.Renewed, a.Status);
        Assert.True(a.IsRenewedBy("agr-2"));
        Assert.Null(a.PendingRenewalId);
        Assert.Empty(a.UpcomingTimers(NineMonthsLater, NoticePolicy.Default));
        Assert.Throws<InvalidMoveException>(() => a.MarkRenewed("agr-3", Staff, NineMonthsLater));
    }

    [Fact]
    public void RenewalFailsUnlessActive() =>
        Assert.Throws<InvalidMoveException>(() => Approved().StartRenewal("agr-2", 24, Staff, Now));

    [Fact]
    public void ImportOfAPastAgreementArrivesExpiredWithNoTimers()
    {
        var signing = Signing(new DateOnly(2020, 3, 13));
        var (a, imported) = Agreement.Import("agr-old", New(validityMonths: 36), signing, Pdf(), Staff, Now);
        Assert.Equal(AgreementStatus.Expired, a.Status);
        Assert.Equal(AgreementStatus.Expired, imported.Status);
        Assert.Equal(new DateOnly(2023, 3, 13), a.ExpiresOn);
        Assert.True(a.Signing!.Imported);
        Assert.Empty(a.UpcomingTimers(Now, NoticePolicy.Default));
    }

    [Fact]
    public void ImportOfACurrentAgreementArrivesActiveWithOnlyFutureNotices()
    {
        // Signed 2025-10-14 for 12 months; imported on 2026-09-20: the 90-day notice (2026-07-16) is past.
        var importedAt = new DateTimeOffset(2026, 9, 20, 2, 0, 0, TimeSpan.Zero);
        var (a, _) = Agreement.Import("agr-x", New(), Signing(new DateOnly(2025, 10, 14)), Pdf(), Staff, importedAt);
        Assert.Equal(AgreementStatus.Active, a.Status);
        var notices = a.UpcomingTimers(importedAt, NoticePolicy.Default).Where(t => t.Kind == TimerKind.RenewalNotice).Select(t => t.DueOn).ToList();
        Assert.All(a.UpcomingTimers(importedAt, NoticePolicy.Default), t => Assert.True(t.DueOn >= new DateOnly(2026, 9, 20)));
        Assert.Equal([new DateOnly(2026, 10, 7)], notices);
    }

    [Fact]
    public void ImportFailsForASigningDateNotYetReached()
    {
        var e = Assert.Throws<DomainValidationException>(() =>
            Agreement.Import("agr-x", New(), Signing(new DateOnly(2026, 1, 1)), Pdf(), Staff, Now));
        Assert.Contains("signedOn", e.Errors.Keys);
    }

    [Fact]
    public void ExpiredImportCanBeMarkedRenewed()
    {
        var (a, _) = Agreement.Import("agr-old", New(validityMonths: 36), Signing(new DateOnly(2020, 3, 13)), Pdf(), Staff, Now);
        a.MarkRenewed("agr-new", Staff, Now);
        Assert.Equal(AgreementStatus.Renewed, a.Status);
    }
}
