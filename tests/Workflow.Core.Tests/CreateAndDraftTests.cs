namespace Workflow.Core.Tests;

using static Samples;

public class CreateAndDraftTests
{
    [Fact]
    public void CreateFromAudiensiStartsExploring()
    {
        var (a, created) = Agreement.Create("agr-1", New(AgreementKind.Mou, 36, Audiensi()), Staff, Now);
        Assert.Equal(AgreementStatus.Exploring, a.Status);
        Assert.Equal(AgreementStatus.Exploring, created.Status);
        Assert.Equal("Kantor Wali Kota Bontang", a.Audiensi!.Place);
        Assert.Single(a.Audiensi.Attendees);
    }

    [Fact]
    public void CreateWithoutAudiensiStartsDrafting()
    {
        var (a, _) = Agreement.Create("agr-1", New(), Staff, Now);
        Assert.Equal(AgreementStatus.Drafting, a.Status);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(61)]
    [InlineData(0)]
    [InlineData(-12)]
    public void CreateFailsWhenValidityIsOutside12To60Months(int months)
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(validityMonths: months), Staff, Now));
        Assert.Contains("validityMonths", e.Errors.Keys);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(60)]
    public void CreateAcceptsValidityAtTheBounds(int months) =>
        Assert.Equal(months, Agreement.Create("agr-1", New(validityMonths: months), Staff, Now).Agreement.ValidityMonths);

    [Fact]
    public void CreateReportsEveryMissingFieldAtOnce()
    {
        var input = new NewAgreement(null, null, null, null, null, null, null, null, null, null, null, null);
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", input, Staff, Now));
        foreach (var field in new[] { "institutionId", "regionId", "timeZone", "partnerId", "kind", "title", "purpose", "scope", "validityMonths" })
            Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public void CreateFailsForOversizedTitle()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(title: new string('x', 301)), Staff, Now));
        Assert.Contains("title", e.Errors.Keys);
    }

    [Fact]
    public void CreateFailsForAudiensiInTheFuture()
    {
        var audiensi = Audiensi() with { Date = new DateOnly(2025, 11, 6) };
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(audiensi: audiensi), Staff, Now));
        Assert.Contains("audiensi.date", e.Errors.Keys);
    }

    [Fact]
    public void CreateFailsForUnknownTimeZone()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(zone: "Europe/Amsterdam"), Staff, Now));
        Assert.Contains("timeZone", e.Errors.Keys);
    }

    [Fact]
    public void AddendumNeedsTheAgreementItAmends()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(AgreementKind.Addendum), Staff, Now));
        Assert.Contains("parentAgreementId", e.Errors.Keys);
    }

    [Fact]
    public void MouHasNoParent()
    {
        var e = Assert.Throws<DomainValidationException>(() => Agreement.Create("agr-1", New(AgreementKind.Mou, parent: "agr-0"), Staff, Now));
        Assert.Contains("parentAgreementId", e.Errors.Keys);
    }

    [Fact]
    public void UploadDraftNumbersVersionsAndMovesExploringToDrafting()
    {
        var (a, _) = Agreement.Create("agr-1", New(audiensi: Audiensi()), Staff, Now);
        var first = a.UploadDraft(Pdf("doc-1"), null, Staff, Now);
        var second = a.UploadDraft(Pdf("doc-2"), "revisi", Staff, Now);
        Assert.Equal(AgreementStatus.Drafting, a.Status);
        Assert.Equal(1, first.Draft.Version);
        Assert.Equal(2, second.Draft.Version);
        Assert.Equal("revisi", a.LatestDraft!.Note);
        Assert.Equal(2, a.DraftCount);
    }

    [Fact]
    public void UploadDraftFailsWhenInReview()
    {
        var a = InReview();
        Assert.Throws<InvalidMoveException>(() => a.UploadDraft(Pdf("doc-2"), null, Staff, Now));
    }

    [Theory]
    [InlineData(AgreementStatus.Approved)]
    [InlineData(AgreementStatus.Active)]
    public void UploadDraftFailsAfterApproval(AgreementStatus status)
    {
        var a = status == AgreementStatus.Approved ? Approved() : Active();
        Assert.Throws<InvalidMoveException>(() => a.UploadDraft(Pdf("doc-2"), null, Staff, Now));
    }
}
