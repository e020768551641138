using System.Text.Json;
using Workflow.Core;
using static Workflow.Core.Tests.Samples;

namespace Workflow.Core.Tests;

public sealed class ProgressTests
{
    private static readonly DateOnly Today = new(2025, 11, 5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static Agreement WithPlan()
    {
        var a = Active();
        a.SetActionPlan(
        [
            new ActionItemInput("Pelatihan konveksi", "Kasi Giatja", ActionItemStatus.Planned, DueOn: new DateOnly(2026, 1, 31)),
            new ActionItemInput("Bimbingan NAPZA", "Yayasan SEKATA", ActionItemStatus.InProgress, Frequency: "bulanan", PartnerOwned: true),
        ], Staff, Now);
        return a;
    }

    [Fact]
    public void PlanItemsGetIdsThatStayThroughChangesAndAreNeverUsedTwice()
    {
        var a = WithPlan();
        Assert.Equal(["i1", "i2"], a.ActionPlan.Select(i => i.Id));
        a.ReportProgress("i1", new ProgressInput(Today, "Angkatan pertama mulai", ActionItemStatus.InProgress, 20), [], Staff, Now);

        // Renamed by id, kept by activity, one dropped, one new: the new one never takes a used id.
        a.SetActionPlan(
        [
            new ActionItemInput("Pelatihan konveksi dan sablon", "Kasi Giatja", ActionItemStatus.InProgress, DueOn: new DateOnly(2026, 1, 31), Id: "i1"),
            new ActionItemInput("Pameran produk", "Dewan UKM", ActionItemStatus.Planned, DueOn: new DateOnly(2026, 6, 1)),
        ], Staff, Now);
        Assert.Equal(["i1", "i3"], a.ActionPlan.Select(i => i.Id));
        Assert.Equal(1, a.ActionPlan[0].Reports);
        a.SetActionPlan([new ActionItemInput("bimbingan napza", "Yayasan SEKATA", ActionItemStatus.Planned, Frequency: "bulanan")], Staff, Now);
        Assert.Equal("i4", a.ActionPlan.Single().Id);
    }

    [Fact]
    public void AnUnknownItemIdIsRefusedByName()
    {
        var e = Assert.Throws<DomainValidationException>(() => WithPlan().SetActionPlan(
            [new ActionItemInput("Pelatihan", "Kasi", ActionItemStatus.Planned, Frequency: "bulanan", Id: "i9")], Staff, Now));
        Assert.Contains("items[0].id", e.Errors.Keys);
    }

    [Fact]
    public void AReportSetsTheItemsStatusAndKeepsItsEvidence()
    {
        var a = WithPlan();
        var reported = a.ReportProgress("i1", new ProgressInput(Today, "Pelatihan selesai", ActionItemStatus.Done, 25), [Pdf("doc-9")], Staff, Now);
        Assert.Equal(("i1", "Pelatihan konveksi", 25, "doc-9"), (reported.Report.ItemId, reported.Report.Activity, reported.Report.Participants, reported.Report.Evidence.Single().DocumentId));
        var item = a.ActionPlan[0];
        Assert.Equal((ActionItemStatus.Done, 1, Today), (item.Status, item.Reports, item.LastReportOn));
        Assert.Contains(reported.Report, AgreementHistory.Empty.With(reported).Progress);
    }

    [Fact]
    public void AnItemIsLateWhenItsTargetDatePassedUnfinished()
    {
        var item = WithPlan().ActionPlan[0];
        Assert.False(item.IsLate(new DateOnly(2026, 1, 31)));
        Assert.True(item.IsLate(new DateOnly(2026, 2, 1)));
        Assert.False((item with { Status = ActionItemStatus.Done }).IsLate(new DateOnly(2026, 2, 1)));
        Assert.False(WithPlan().ActionPlan[1].IsLate(new DateOnly(2030, 1, 1))); // no target date: never late
    }

    [Fact]
    public void AReportNeedsADateNotAheadOfTheInstitutionsTodayASummaryAndAStatus()
    {
        var e = Assert.Throws<DomainValidationException>(() =>
            WithPlan().ReportProgress("i1", new ProgressInput(Today.AddDays(2), " ", ActionItemStatus.Cancelled, -1), [], Staff, Now));
        Assert.Equal(["date", "participants", "status", "summary"], e.Errors.Keys.Order());
    }

    [Fact]
    public void ThroughThePartnersLinkOnlyItsOwnItemsAreReportedOn()
    {
        var a = WithPlan();
        var e = Assert.Throws<DomainValidationException>(() =>
            a.ReportProgress("i1", new ProgressInput(Today, "x", ActionItemStatus.InProgress), [], Partner, Now, viaPartnerLink: true));
        Assert.Contains("itemId", e.Errors.Keys);
        Assert.True(a.ReportProgress("i2", new ProgressInput(Today, "Sesi Oktober", ActionItemStatus.InProgress, 30), [], Partner, Now, viaPartnerLink: true).Report.ViaPartnerLink);
    }

    [Fact]
    public void ProgressNeedsAnActiveAgreementWithAPlan()
    {
        Assert.Throws<InvalidMoveException>(() => Drafting().ReportProgress("i1", new ProgressInput(Today, "x", ActionItemStatus.Done), [], Staff, Now));
        Assert.Throws<InvalidMoveException>(() => Active().ReportProgress("i1", new ProgressInput(Today, "x", ActionItemStatus.Done), [], Staff, Now));
    }

    [Fact]
    public void APlanStoredBeforeItemsHadIdsGetsThemByPositionOnEveryRead()
    {
        var a = WithPlan();
        var json = JsonSerializer.Serialize(a, Json).Replace("\"id\":\"i1\"", "\"id\":\"\"").Replace("\"id\":\"i2\"", "\"id\":\"\"").Replace("\"actionItemSeq\":2", "\"actionItemSeq\":0");
        var read = JsonSerializer.Deserialize<Agreement>(json, Json)!;
        Assert.Equal(["i1", "i2"], read.ActionPlan.Select(i => i.Id));
        Assert.Equal(2, read.ActionItemSeq);
    }
}
