namespace Workflow.Core.Tests;

using static Samples;

public class TimerFiringTests
{
    private static readonly NoticePolicy Policy = NoticePolicy.Default;

    private static ScheduledTimer Next(Agreement a, TimerKind kind, DateTimeOffset now) => a.UpcomingTimers(now, Policy).First(t => t.Kind == kind);

    [Fact]
    public void RenewalNoticeFiresOnceWithItsDays()
    {
        var a = Active();
        var notice = Next(a, TimerKind.RenewalNotice, Now);
        var fired = Assert.IsType<RenewalNoticeDue>(Assert.Single(a.FireTimer(notice, Policy, Staff, notice.DueAt)));
        Assert.Equal(90, fired.DaysBeforeExpiry);
        Assert.Empty(a.FireTimer(notice, Policy, Staff, notice.DueAt.AddMinutes(1)));
        Assert.DoesNotContain(a.UpcomingTimers(notice.DueAt, Policy), t => t.Id == notice.Id);
    }

    [Fact]
    public void TimerDoesNotFireBeforeItIsDue()
    {
        var a = Active();
        var notice = Next(a, TimerKind.RenewalNotice, Now);
        Assert.Empty(a.FireTimer(notice, Policy, Staff, notice.DueAt.AddSeconds(-1)));
    }

    [Fact]
    public void ExpiryTimerExpiresTheAgreement()
    {
        var a = Active();
        var expiry = Next(a, TimerKind.Expiry, Now);
        Assert.IsType<AgreementExpired>(Assert.Single(a.FireTimer(expiry, Policy, Staff, expiry.DueAt)));
        Assert.Equal(AgreementStatus.Expired, a.Status);
    }

    [Fact]
    public void RenewedAgreementLetsItsOldTimersPass()
    {
        var a = Active();
        var notice = Next(a, TimerKind.RenewalNotice, Now);
        var later = Now.AddMonths(6);
        a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 1), "baik", Recommendation.Renew, null), null, Staff, later);
        a.StartRenewal("agr-2", 12, Staff, later);
        a.MarkRenewed("agr-2", Staff, later);
        Assert.Empty(a.FireTimer(notice, Policy, Staff, notice.DueAt));
        Assert.Empty(a.FireTimer(Next(Active(), TimerKind.Expiry, Now), Policy, Staff, Now.AddYears(1)));
    }

    [Fact]
    public void ReviewReminderOfADecidedStepIsStale()
    {
        var a = InReview(2);
        var reminder = Next(a, TimerKind.ReviewReminder, Now);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now.AddDays(1));
        Assert.Empty(a.FireTimer(reminder, Policy, Staff, reminder.DueAt));
    }

    [Fact]
    public void OverdueReviewReminderNamesTheStep()
    {
        var a = InReview(2);
        var overdue = Next(a, TimerKind.ReviewOverdue, Now);
        var fired = Assert.IsType<ReviewReminderDue>(Assert.Single(a.FireTimer(overdue, Policy, Staff, overdue.DueAt)));
        Assert.True(fired.Overdue);
        Assert.Equal((1, 1, ReviewerRole.Legal), (fired.Round, fired.Step, fired.Role));
    }

    [Fact]
    public void EvaluationReminderCarriesItsNumberAndDueDate()
    {
        var a = Active(24);
        var overdue = Next(a, TimerKind.EvaluationOverdue, Now);
        var fired = Assert.IsType<EvaluationReminderDue>(Assert.Single(a.FireTimer(overdue, Policy, Staff, overdue.DueAt)));
        Assert.Equal((1, new DateOnly(2026, 5, 5), true), (fired.Number, fired.DueOn, fired.Overdue));
    }
}

public class LateTimerTests
{
    [Fact]
    public void NoticeFiredLateCountsTheDaysActuallyLeft()
    {
        var a = Samples.Active();
        var notice = a.UpcomingTimers(Samples.Now, NoticePolicy.Default).First(t => t.Kind == TimerKind.RenewalNotice);
        var fired = Assert.IsType<RenewalNoticeDue>(Assert.Single(a.FireTimer(notice, NoticePolicy.Default, Samples.Staff, notice.DueAt.AddDays(10))));
        Assert.Equal(80, fired.DaysBeforeExpiry);
    }
}
