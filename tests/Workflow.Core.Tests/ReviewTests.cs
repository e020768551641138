namespace Workflow.Core.Tests;

using static Samples;

public class ReviewTests
{
    [Fact]
    public void SubmitForReviewFailsWithoutADraft()
    {
        var (a, _) = Agreement.Create("agr-1", New(), Staff, Now);
        Assert.Throws<InvalidMoveException>(() => a.SubmitForReview(Steps(), Officials, Staff, Now));
    }

    [Fact]
    public void SubmitForReviewOpensRoundOnTheLatestDraft()
    {
        var a = Drafting();
        a.UploadDraft(Pdf("doc-2"), null, Staff, Now);
        var submitted = a.SubmitForReview(Steps(), Officials, Staff, Now);
        Assert.Equal(AgreementStatus.InReview, a.Status);
        Assert.Equal(2, submitted.Round.DraftVersion);
        Assert.Equal(3, submitted.Round.Steps.Count);
        Assert.Equal(1, a.OpenRound!.CurrentStep!.Step);
    }

    [Fact]
    public void SubmitForReviewValidatesEachStep()
    {
        var a = Drafting();
        var e = Assert.Throws<DomainValidationException>(() => a.SubmitForReview(
            [new ReviewStepInput(null, "", "not-an-email", 0)], Officials, Staff, Now));
        Assert.Contains("steps[0].role", e.Errors.Keys);
        Assert.Contains("steps[0].name", e.Errors.Keys);
        Assert.Contains("steps[0].email", e.Errors.Keys);
        Assert.Contains("steps[0].daysAllowed", e.Errors.Keys);
        Assert.Equal(AgreementStatus.Drafting, a.Status);
    }

    [Fact]
    public void SubmitForReviewFailsWithNoSteps()
    {
        var e = Assert.Throws<DomainValidationException>(() => Drafting().SubmitForReview([], Officials, Staff, Now));
        Assert.Contains("steps", e.Errors.Keys);
    }

    [Fact]
    public void ApprovalsInOrderCloseTheRoundApproved()
    {
        var a = InReview(3);
        Assert.Equal(AgreementStatus.InReview, a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now).Status);
        Assert.Equal(AgreementStatus.InReview, a.Decide(1, 2, ReviewDecision.Approve, "setuju", Head, Now).Status);
        var last = a.Decide(1, 3, ReviewDecision.Approve, null, Partner, Now);
        Assert.Equal(ReviewRoundOutcome.Approved, last.RoundOutcome);
        Assert.Equal(AgreementStatus.Approved, a.Status);
        Assert.NotNull(a.LatestRound!.ClosedAt);
        Assert.Equal("10.0.0.7", a.LatestRound!.Steps[0].DecidedFrom);
    }

    [Fact]
    public void DecideFailsForAStepOutOfTurn()
    {
        var a = InReview(3);
        var e = Assert.Throws<InvalidMoveException>(() => a.Decide(1, 2, ReviewDecision.Approve, null, Head, Now));
        Assert.Contains("langkah 1", e.Message);
    }

    [Fact]
    public void DecideFailsForAStepAlreadyDecided()
    {
        var a = InReview(3);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now);
        Assert.Throws<InvalidMoveException>(() => a.Decide(1, 1, ReviewDecision.Reject, "tidak", Legal, Now));
        Assert.Equal(ReviewDecision.Approve, a.LatestRound!.Steps[0].Decision);
    }

    [Fact]
    public void DecideFailsForAStepThatDoesNotExist() =>
        Assert.Throws<InvalidMoveException>(() => InReview(2).Decide(1, 3, ReviewDecision.Approve, null, Legal, Now));

    [Fact]
    public void RequestChangesReturnsToDraftingAndClosesTheRound()
    {
        var a = InReview(3);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now);
        var revised = a.Decide(1, 2, ReviewDecision.Revise, "Pasal 3 perlu diperjelas", Head, Now);
        Assert.Equal(ReviewRoundOutcome.ChangesRequested, revised.RoundOutcome);
        Assert.Equal(AgreementStatus.Drafting, a.Status);
        Assert.Null(a.OpenRound);
    }

    [Fact]
    public void RequestChangesNeedsAComment()
    {
        var a = InReview();
        var e = Assert.Throws<DomainValidationException>(() => a.Decide(1, 1, ReviewDecision.Revise, " ", Legal, Now));
        Assert.Contains("comment", e.Errors.Keys);
        Assert.Equal(AgreementStatus.InReview, a.Status);
    }

    [Fact]
    public void NewRoundNeedsANewDraftVersion()
    {
        var a = InReview(2);
        a.Decide(1, 1, ReviewDecision.Revise, "perbaiki", Legal, Now);
        var e = Assert.Throws<InvalidMoveException>(() => a.SubmitForReview(Steps(2), Officials, Staff, Now));
        Assert.Contains("versi baru", e.Message);
        a.UploadDraft(Pdf("doc-2"), null, Staff, Now);
        var round = a.SubmitForReview(Steps(2), Officials, Staff, Now);
        Assert.Equal(2, round.Round.Round);
        Assert.Equal(2, round.Round.DraftVersion);
    }

    [Fact]
    public void ApproveFailsWhenReviewIsClosed()
    {
        var a = InReview(2);
        a.Decide(1, 1, ReviewDecision.Revise, "perbaiki", Legal, Now);
        a.UploadDraft(Pdf("doc-2"), null, Staff, Now);
        a.SubmitForReview(Steps(2), Officials, Staff, Now);
        var e = Assert.Throws<InvalidMoveException>(() => a.Decide(1, 2, ReviewDecision.Approve, null, Head, Now));
        Assert.Contains("sudah ditutup", e.Message);
    }

    [Fact]
    public void RejectClosesTheAgreement()
    {
        var a = InReview(2);
        a.Decide(1, 1, ReviewDecision.Reject, "tidak sesuai kebijakan", Legal, Now);
        Assert.Equal(AgreementStatus.Rejected, a.Status);
        Assert.Throws<InvalidMoveException>(() => a.UploadDraft(Pdf("doc-2"), null, Staff, Now));
        Assert.Throws<InvalidMoveException>(() => a.SubmitForReview(Steps(), Officials, Staff, Now));
    }

    [Fact]
    public void DecideFailsWhenNotInReview() =>
        Assert.Throws<InvalidMoveException>(() => Drafting().Decide(1, 1, ReviewDecision.Approve, null, Legal, Now));
}

public class NotificationTests
{
    [Fact]
    public void NotificationFailureIsRecordedInAnyStatusWithoutChangingIt()
    {
        var a = Samples.InReview();
        var failed = a.RecordNotificationFailure("agr-1/o-1", "ApprovalRequest", ["a@b.id"], "Mohon persetujuan", 5, new string('x', 5000), Samples.Staff, Samples.Now);
        Assert.Equal(AgreementStatus.InReview, a.Status);
        Assert.Equal(2000, failed.Reason.Length);
        Assert.Equal(5, failed.Attempts);
    }
}
