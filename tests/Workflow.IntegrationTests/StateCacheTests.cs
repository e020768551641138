using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// Each instance keeps the state it last wrote, to save commands a read. Two instances on one storage account show
/// that a state made stale by the other instance never decides a command.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class StateCacheTests(SinergiFixture fixture)
{
    private const string Legal = "hukum@kanwil-kaltim.go.id";
    private const string Head = "kalapas@lapas.go.id";

    [Fact]
    public async Task AMoveTheOtherInstanceMadePossibleIsAccepted()
    {
        await using var other = OtherInstance();
        var (here, there, w, id) = await InReviewAsync(other);

        // Here the agreement is still at step 1; there step 1 is approved. Step 2 is decided here.
        await Api.Json(await there.DecideAsync(id, await there.OfficialTokenAsync(Legal), 1, 1, "approve"), HttpStatusCode.OK);
        var decided = await Api.Json(await here.DecideAsync(id, await here.OfficialTokenAsync(Head), 1, 2, "approve"), HttpStatusCode.OK);

        Assert.Equal("Approved", decided["status"]!.GetValue<string>());
        await AssertHistoryAsync(here, w, id, 2);
    }

    [Fact]
    public async Task AMoveTheOtherInstanceMadeImpossibleIsRefused()
    {
        await using var other = OtherInstance();
        var (here, there, w, id) = await InReviewAsync(other);

        // There step 1 gets changes requested; here, where it looks still open, an approval of it comes after.
        await Api.Json(await there.DecideAsync(id, await there.OfficialTokenAsync(Legal), 1, 1, "revise", "pasal 3"), HttpStatusCode.OK);
        await Api.Problem(await here.DecideAsync(id, await here.OfficialTokenAsync(Legal), 1, 1, "approve"), HttpStatusCode.Conflict);

        var agreement = await here.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("Drafting", agreement["status"]!.GetValue<string>());
        await AssertHistoryAsync(here, w, id, 1);
    }

    [Fact]
    public async Task AnOfficialsDecisionOnAReviewStartedElsewhereIsAccepted()
    {
        // Here the agreement was last seen with its draft and no review: the official of the round started there is
        // no one here, so that state alone would refuse them (403). It must not decide. Neither instance dispatches,
        // so nothing here reads the agreement again in between.
        await using var other = OtherInstance();
        await using var mine = OtherInstance();
        var here = new Api(mine.CreateClient());
        var there = new Api(other.CreateClient());
        var w = await here.NewWorldAsync();
        var id = (await here.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await here.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await there.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(Legal)), HttpStatusCode.OK);

        var decided = await Api.Json(await here.DecideAsync(id, await here.OfficialTokenAsync(Legal), 1, 1, "approve"), HttpStatusCode.OK);
        Assert.Equal("Approved", decided["status"]!.GetValue<string>());
        await AssertHistoryAsync(here, w, id, 1);
    }

    [Fact]
    public async Task AChangeFromTheOtherInstanceIsNotOverwritten()
    {
        await using var other = OtherInstance();
        var here = fixture.Api();
        var there = new Api(other.CreateClient());
        var w = await here.NewWorldAsync();
        var id = await here.ApprovedAsync(w);
        await Api.Json(await here.SignAsync(id, w.StaffToken, "2026-11-01"), HttpStatusCode.OK);
        await Api.Json(await here.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Plan("Pelatihan konveksi")), HttpStatusCode.OK);

        // There an evaluation is recorded; here, where it is not known, the plan changes again, and must keep it.
        await Api.Json(await there.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", w.StaffToken,
            new { periodEnd = "2026-11-10", summary = "Berjalan baik.", recommendation = "Continue" }), HttpStatusCode.OK);
        await Api.Json(await here.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Plan("Pelatihan barista")), HttpStatusCode.OK);

        var agreement = await there.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Single(agreement["evaluations"]!.AsArray());
        Assert.Equal("Pelatihan barista", agreement["actionPlan"]![0]!["activity"]!.GetValue<string>());
        var history = await here.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.True(history["verified"]!.GetValue<bool>());
        Assert.Equal(["ActionPlanUpdated", "EvaluationRecorded", "ActionPlanUpdated"],
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).TakeLast(3));
    }

    private static object Plan(string activity) =>
        new { items = new[] { new { activity, owner = "Kasi Giatja", frequency = "bulanan", status = "InProgress" } } };

    [Fact]
    public void ARereadOlderThanTheLastCommitDoesNotReplaceIt()
    {
        using var cache = new Workflow.Functions.Agreements.StateCache();
        cache.Keep("agr-1", new("{}", 4, "h4", new Azure.ETag("e4")));
        cache.Keep("agr-1", new("{}", 3, "h3", new Azure.ETag("e3"))); // a read that began before the commit of version 4
        Assert.Equal(4, cache.Find("agr-1")!.Version);
        cache.Keep("agr-1", new("{}", 5, "h5", new Azure.ETag("e5")));
        Assert.Equal(5, cache.Find("agr-1")!.Version);
    }

    private SinergiFactory OtherInstance() =>
        new(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });

    /// <summary>An agreement in a two-step review, last written by this instance (so it knows the state), and seen by the other.</summary>
    private async Task<(Api Here, Api There, World W, string Id)> InReviewAsync(SinergiFactory other)
    {
        var here = fixture.Api();
        var there = new Api(other.CreateClient());
        var w = await here.NewWorldAsync();
        var id = (await here.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await here.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await here.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(Legal, Head)), HttpStatusCode.OK);
        return (here, there, w, id);
    }

    private static async Task AssertHistoryAsync(Api api, World w, string id, int decisions)
    {
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.True(history["verified"]!.GetValue<bool>());
        Assert.Equal(decisions, history["events"]!.AsArray().Count(e => e!["type"]!.GetValue<string>() == "ReviewStepDecided"));
    }
}
