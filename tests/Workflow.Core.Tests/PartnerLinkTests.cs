using Workflow.Core;
using static Workflow.Core.Tests.Samples;

namespace Workflow.Core.Tests;

public sealed class PartnerLinkTests
{
    [Fact]
    public void ANewLinkReplacesTheOneBeforeAndOnlyTheCurrentOneOpensUntilItExpires()
    {
        var a = Active();
        a.IssuePartnerLink("l1", Now.AddDays(90), Staff, Now);
        Assert.True(a.PartnerLinkValid("l1", Now));
        a.IssuePartnerLink("l2", Now.AddDays(90), Staff, Now);
        Assert.False(a.PartnerLinkValid("l1", Now));
        Assert.True(a.PartnerLinkValid("l2", Now.AddDays(89)));
        Assert.False(a.PartnerLinkValid("l2", Now.AddDays(90)));
    }

    [Fact]
    public void ARevokedLinkOpensNothingAndCannotBeRevokedTwice()
    {
        var a = Active();
        a.IssuePartnerLink("l1", Now.AddDays(90), Staff, Now);
        Assert.Equal("l1", a.RevokePartnerLink(Staff, Now).LinkId);
        Assert.False(a.PartnerLinkValid("l1", Now));
        Assert.Throws<InvalidMoveException>(() => a.RevokePartnerLink(Staff, Now));
    }

    [Fact]
    public void ALinkIsForAnApprovedOrRunningAgreement() =>
        Assert.Throws<InvalidMoveException>(() => Drafting().IssuePartnerLink("l1", Now.AddDays(90), Staff, Now));
}
