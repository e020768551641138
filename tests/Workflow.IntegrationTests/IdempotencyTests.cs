using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class IdempotencyTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Fact]
    public async Task RetriedCreateReturnsTheFirstAnswerAndWritesNothingNew()
    {
        var w = await api.NewWorldAsync();
        var key = Guid.NewGuid().ToString();
        var first = await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w), Key(key));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();

        var retry = await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w), Key(key));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task RetriedCommandReturnsTheFirstAnswerAndAddsNoEvent()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var plan = new { items = new[] { new { activity = "Pameran produk WBP", owner = "Dewan UKM", dueOn = "2026-02-01", status = "Planned" } } };
        var key = Guid.NewGuid().ToString();
        var first = await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, plan, Key(key)), HttpStatusCode.OK);
        var retry = await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, plan, Key(key)), HttpStatusCode.OK);
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Single(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "ActionPlanUpdated");
    }

    [Fact]
    public async Task RetriedUploadKeepsOneDraftAndOneBlob()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var pdf = Api.Pdf();
        var key = Guid.NewGuid().ToString();
        var first = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts", w.StaffToken, Api.Form(pdf, "draf.pdf"), Key(key)), HttpStatusCode.Created);
        var retry = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts", w.StaffToken, Api.Form(pdf, "draf.pdf"), Key(key)), HttpStatusCode.Created);
        Assert.Equal(first["documentId"]!.GetValue<string>(), retry["documentId"]!.GetValue<string>());
        Assert.Single((await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["drafts"]!.AsArray());
        Assert.Equal(1, await fixture.Storage.BlobCountAsync(id + "/"));
    }

    [Fact]
    public async Task SameKeyWithADifferentRequestIsRefused()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var key = Guid.NewGuid().ToString();
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken,
            new { items = new[] { new { activity = "A", owner = "B", frequency = "bulanan", status = "Planned" } } }, Key(key)), HttpStatusCode.OK);
        var other = await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken,
            new { items = new[] { new { activity = "C", owner = "D", frequency = "bulanan", status = "Planned" } } }, Key(key));
        await Api.Problem(other, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("A", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["actionPlan"]![0]!["activity"]!.GetValue<string>());
    }
}
