namespace Workflow.Core.Tests;

using static Samples;

/// <summary>What the agreement tells its orchestration: whom to ask, which timer is next, whether it has ended.</summary>
public class ProcessTests
{
    [Fact]
    public void TheWaitingOfficialIsAskedOnce()
    {
        var a = InReview(2);
        var asked = a.AskOfficial(1, 1, Admin, Now.AddMinutes(1));
        Assert.Equal((1, 1, ReviewerRole.Legal, Legal.Email), (asked!.Round, asked.Step, asked.Role, asked.OfficialEmail));
        Assert.Equal(Now.AddMinutes(1), a.OpenRound!.CurrentStep!.AskedAt);
        Assert.Null(a.AskOfficial(1, 1, Admin, Now.AddMinutes(2)));
    }

    [Fact]
    public void AStepThatIsNotWaitingIsNotAsked()
    {
        var a = InReview(2);
        Assert.Null(a.AskOfficial(1, 2, Admin, Now));
        Assert.Null(a.AskOfficial(2, 1, Admin, Now));
        a.Decide(1, 1, ReviewDecision.Reject, "Tidak sesuai.", Legal, Now);
        Assert.Null(a.AskOfficial(1, 2, Admin, Now));
        Assert.Null(a.AskOfficial(1, 1, Admin, Now));
    }

    [Fact]
    public void TheHistoryKeepsWhenEachOfficialWasAsked()
    {
        var a = Drafting();
        var submitted = a.SubmitForReview(Steps(2), Officials, Staff, Now);
        var history = AgreementHistory.Empty.With([submitted, a.AskOfficial(1, 1, Admin, Now.AddHours(1))!]);
        Assert.Equal(Now.AddHours(1), history.ReviewRounds.Single().Steps[0].AskedAt);
    }

    [Fact]
    public void TheProcessTimersAreTheReviewAndEvaluationRemindersNotTheNoticesOfTheEnd()
    {
        var a = Active(validityMonths: 24);
        var next = a.NextProcessTimer(NoticePolicy.Default, Now)!;
        Assert.Equal((TimerKind.EvaluationDue, new DateOnly(2026, 5, 5)), (next.Kind, next.DueOn));
        // Looked at after the reminder and its overdue day: the next is the second evaluation's.
        var later = a.NextProcessTimer(NoticePolicy.Default, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))!;
        Assert.Equal((TimerKind.EvaluationDue, new DateOnly(2026, 11, 5)), (later.Kind, later.DueOn));
        Assert.DoesNotContain(a.Schedule(NoticePolicy.Default).Where(t => !t.IsEndNotice), t => t.Kind is TimerKind.RenewalNotice or TimerKind.Expiry);
        Assert.Null(Active(validityMonths: 12).NextProcessTimer(NoticePolicy.Default, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AReviewStepsRemindersRunFromWhenItStarted()
    {
        var a = InReview(1);
        var reminder = a.NextProcessTimer(NoticePolicy.Default, Now)!;
        Assert.Equal((TimerKind.ReviewReminder, Now.AddDays(2.5)), (reminder.Kind, reminder.DueAt));
        Assert.Equal(TimerKind.ReviewOverdue, a.NextProcessTimer(NoticePolicy.Default, Now.AddDays(3))!.Kind);
    }

    [Theory]
    [InlineData(ReviewDecision.Reject, true)]
    [InlineData(ReviewDecision.Revise, false)]
    [InlineData(ReviewDecision.Approve, false)]
    public void OnlyARejectionEndsAnAgreementInReview(ReviewDecision decision, bool ended)
    {
        var a = InReview(1);
        a.Decide(1, 1, decision, "Catatan.", Legal, Now);
        Assert.Equal(ended, a.HasEnded);
    }
}
