namespace Workflow.Core.Tests;

using static Samples;

public class SegregationOfDutiesTests
{
    [Fact]
    public void SubmitterNamingThemselvesOnEveryStepOpensNoRound()
    {
        var a = Drafting();
        var selfReview = new[] { ReviewerRole.Legal, ReviewerRole.HeadOfInstitution, ReviewerRole.Kanwil }
            .Select(role => new ReviewStepInput(role, Staff.Name, Staff.Email, 5)).ToList();
        // Even a directory that lists the submitter cannot make them an official of their own round.
        var e = Assert.Throws<DomainValidationException>(() => a.SubmitForReview(selfReview, new ReviewOfficials([Staff.Email], [Staff.Email]), Staff, Now));
        Assert.Contains("Pengaju reviu", e.Errors["steps[0].email"][0]);
        Assert.Contains("steps[1].email", e.Errors.Keys);
        Assert.Contains("steps[2].email", e.Errors.Keys);
        Assert.Equal(AgreementStatus.Drafting, a.Status);
        Assert.Null(a.LatestRound);
    }

    [Fact]
    public void HeadOfInstitutionStepMustNameTheHeadOrADelegate()
    {
        var a = Drafting();
        var steps = new[] { new ReviewStepInput(ReviewerRole.HeadOfInstitution, "Kawan", "kawan@lapas-samarinda.go.id", 5) };
        var e = Assert.Throws<DomainValidationException>(() => a.SubmitForReview(steps, Officials, Staff, Now));
        Assert.Contains(Head.Email, e.Errors["steps[0].email"][0]);

        var delegated = new[] { new ReviewStepInput(ReviewerRole.HeadOfInstitution, "Wakil", "WAKIL@lapas-samarinda.go.id", 5) };
        var round = a.SubmitForReview(delegated, new ReviewOfficials([Head.Email, "wakil@lapas-samarinda.go.id"], []), Staff, Now);
        Assert.Equal("wakil@lapas-samarinda.go.id", round.Round.Steps[0].Email);
    }

    [Fact]
    public void KanwilStepMustNameAKanwilOfficialOfTheRegion()
    {
        var a = Drafting();
        var steps = new[] { new ReviewStepInput(ReviewerRole.Kanwil, "Siapa Saja", "siapa@kanwil-lain.go.id", 5) };
        var e = Assert.Throws<DomainValidationException>(() => a.SubmitForReview(steps, ReviewOfficials.None, Staff, Now));
        Assert.Contains("belum ada yang terdaftar", e.Errors["steps[0].email"][0]);
        a.SubmitForReview([steps[0] with { Email = "kakanwil@kanwil-kaltim.go.id" }], Officials, Staff, Now);
        Assert.Equal(AgreementStatus.InReview, a.Status);
    }

    [Fact]
    public void OnePersonHoldsOneStepOfARound()
    {
        var steps = new[] { new ReviewStepInput(ReviewerRole.Legal, Legal.Name, Legal.Email, 5), new ReviewStepInput(ReviewerRole.Other, Legal.Name, Legal.Email.ToUpperInvariant(), 5) };
        var e = Assert.Throws<DomainValidationException>(() => Drafting().SubmitForReview(steps, Officials, Staff, Now));
        Assert.Equal(["steps[1].email"], e.Errors.Keys);
    }

    [Fact]
    public void SubmitterCannotDecideAStepOfTheirRound()
    {
        var a = Drafting();
        a.SubmitForReview(Steps(1), Officials, Admin, Now);
        var e = Assert.Throws<InvalidMoveException>(() => a.Decide(1, 1, ReviewDecision.Approve, null, Admin, Now));
        Assert.Contains("pejabat lain", e.Message);
        Assert.Equal(AgreementStatus.InReview, a.Status);
    }

    [Fact]
    public void NobodyDecidesTwoStepsOfOneRound()
    {
        var a = InReview(2);
        a.Decide(1, 1, ReviewDecision.Approve, null, Admin, Now);
        Assert.Throws<InvalidMoveException>(() => a.Decide(1, 2, ReviewDecision.Approve, null, Admin, Now));
        Assert.Equal(AgreementStatus.InReview, a.Status);
    }

    [Fact]
    public void AStepRecordsWhoActuallyDecidedIt()
    {
        var a = InReview(2);
        var decided = a.Decide(1, 1, ReviewDecision.Approve, null, Admin, Now);
        var step = a.LatestRound!.Steps[0];
        Assert.Equal(Legal.Email, step.Email);
        Assert.Equal(Admin.Email, step.DecidedBy);
        Assert.Equal(Legal.Email, decided.ApproverEmail);
        Assert.Equal(Admin.Email, decided.By.Email);
    }
}
