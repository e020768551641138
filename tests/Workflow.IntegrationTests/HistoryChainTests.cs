using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Agreements;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class HistoryChainTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private async Task<(World World, string Id)> AgreementWithHistoryAsync()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w, Api.Audiensi()))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("a@b.go.id")), HttpStatusCode.OK);
        return (w, id);
    }

    [Fact]
    public async Task AHistoryReadWhileACommitLandsStillVerifies()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var store = fixture.Factory.Services.GetRequiredService<AgreementStore>();
        var stale = await store.GetAsync(id, CancellationToken.None); // the state, read just before a commit lands
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);

        var (state, events) = await store.WithEventsAsync(stale, CancellationToken.None);
        var history = HistoryResponse.Verify(state, events);
        Assert.True(history.Verified, $"broken at {history.BrokenAtSeq}");
        Assert.Equal(stale.Version + 1, history.Version);
        Assert.False(HistoryResponse.Verify(stale, events).Verified); // what the two reads alone would have said
    }

    [Fact]
    public async Task HistoryChainVerifies()
    {
        var (w, id) = await AgreementWithHistoryAsync();
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.True(history["verified"]!.GetValue<bool>());
        var events = history["events"]!.AsArray();
        Assert.Equal(4, events.Count);
        Assert.Equal(new string('0', 64), events[0]!["previousHash"]!.GetValue<string>());
        for (var i = 1; i < events.Count; i++)
            Assert.Equal(events[i - 1]!["hash"]!.GetValue<string>(), events[i]!["previousHash"]!.GetValue<string>());
        Assert.Equal($"staf@{w.InstitutionId[6..]}.go.id", events[0]!["actor"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task TamperedEventIsDetected()
    {
        var (w, id) = await AgreementWithHistoryAsync();
        var row = (await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, "e-0000000002")).Value;
        row["Data0"] = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(row.GetBinary("Data0")).Replace("\"version\":1", "\"version\":7"));
        await fixture.Storage.Agreements.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.False(history["verified"]!.GetValue<bool>());
        Assert.Equal(2, history["brokenAtSeq"]!.GetValue<int>());
        Assert.False(history["events"]![1]!["valid"]!.GetValue<bool>());
        Assert.True(history["events"]![0]!["valid"]!.GetValue<bool>());
        // The history shows what is stored now, so the change can be seen.
        Assert.Equal(7, history["events"]![1]!["data"]!["draft"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnEventThatCanNoLongerBeReadIsShownWithoutDataAndBreaksTheChain()
    {
        var (w, id) = await AgreementWithHistoryAsync();
        var row = (await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, "e-0000000002")).Value;
        row["Data0"] = System.Text.Encoding.UTF8.GetBytes("{\"draft\":");
        await fixture.Storage.Agreements.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Equal(2, history["brokenAtSeq"]!.GetValue<int>());
        Assert.Equal("DraftUploaded", history["events"]![1]!["type"]!.GetValue<string>());
        Assert.Null(history["events"]![1]!["data"]);
        Assert.Equal("AgreementCreated", history["events"]![0]!["data"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task RemovedLastEventIsDetected()
    {
        var (w, id) = await AgreementWithHistoryAsync();
        await fixture.Storage.Agreements.DeleteEntityAsync(id, "e-0000000004");
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.False(history["verified"]!.GetValue<bool>());
        Assert.Equal(4, history["brokenAtSeq"]!.GetValue<int>());
    }
}
