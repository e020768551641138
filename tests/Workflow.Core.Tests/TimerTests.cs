namespace Workflow.Core.Tests;

using static Samples;

public class TimerTests
{
    [Fact]
    public void ActiveAgreementHasRenewalNoticesAtTheConfiguredDaysAndExpiry()
    {
        var a = Active(); // 2025-11-05 → 2026-11-05
        var timers = a.UpcomingTimers(Now, NoticePolicy.Default);
        var notices = timers.Where(t => t.Kind == TimerKind.RenewalNotice).Select(t => t.DueOn).ToList();
        Assert.Equal([new DateOnly(2026, 8, 7), new DateOnly(2026, 9, 6), new DateOnly(2026, 10, 6), new DateOnly(2026, 10, 29)], notices);
        var expiry = Assert.Single(timers, t => t.Kind == TimerKind.Expiry);
        Assert.Equal(new DateOnly(2026, 11, 5), expiry.DueOn);
    }

    [Fact]
    public void DatedNoticesGoAtEightInTheMorningLocalTime()
    {
        var samarinda = Active().UpcomingTimers(Now, NoticePolicy.Default).First(t => t.Kind == TimerKind.Expiry);
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), samarinda.DueAt); // 08:00 WITA
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 1, 0, 0, TimeSpan.Zero), InstitutionTime.At("Asia/Jakarta", new DateOnly(2026, 11, 5), new TimeOnly(8, 0)));
    }

    [Fact]
    public void EvaluationsFallEverySixMonthsFromTheEffectiveDate()
    {
        var a = Active(24);
        var due = a.UpcomingTimers(Now, NoticePolicy.Default).Where(t => t.Kind == TimerKind.EvaluationDue).Select(t => t.DueOn).ToList();
        Assert.Equal([new DateOnly(2026, 5, 5), new DateOnly(2026, 11, 5), new DateOnly(2027, 5, 5)], due);
        var overdue = a.UpcomingTimers(Now, NoticePolicy.Default).First(t => t.Kind == TimerKind.EvaluationOverdue);
        Assert.Equal(new DateOnly(2026, 5, 19), overdue.DueOn);
    }

    [Fact]
    public void RecordedEvaluationCoversItsDueDate()
    {
        var a = Active(24);
        var later = new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero);
        a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "baik", Recommendation.Continue, null), null, Staff, later);
        var next = a.UpcomingTimers(later, NoticePolicy.Default).First(t => t.Kind == TimerKind.EvaluationDue);
        Assert.Equal(new DateOnly(2026, 11, 5), next.DueOn);
        Assert.DoesNotContain(a.UpcomingTimers(later, NoticePolicy.Default), t => t.Kind == TimerKind.EvaluationOverdue && t.DueOn == new DateOnly(2026, 5, 19));
    }

    [Fact]
    public void ReviewStepHasReminderAtHalfTimeAndOverdueAtItsDeadline()
    {
        var a = InReview(2);
        var timers = a.UpcomingTimers(Now, NoticePolicy.Default);
        Assert.Equal(Now.AddDays(2.5), timers.Single(t => t.Kind == TimerKind.ReviewReminder).DueAt);
        Assert.Equal(Now.AddDays(5), timers.Single(t => t.Kind == TimerKind.ReviewOverdue).DueAt);
        var decidedAt = Now.AddDays(1);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, decidedAt);
        Assert.Equal(decidedAt.AddDays(5), a.UpcomingTimers(decidedAt, NoticePolicy.Default).Single(t => t.Kind == TimerKind.ReviewOverdue).DueAt);
    }

    [Fact]
    public void TimersOfADayAlreadyPastAreNotListed()
    {
        var late = new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero);
        Assert.All(Active().UpcomingTimers(late, NoticePolicy.Default), t => Assert.True(t.DueOn >= new DateOnly(2026, 10, 10)));
    }
}
