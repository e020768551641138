using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class ScopingTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task StaffSeeOnlyTheirInstitutionAndKanwilTheirRegion()
    {
        var a = await api.NewWorldAsync();
        var b = await api.NewWorldAsync();
        var idA = (await api.CreateAsync(a))["id"]!.GetValue<string>();
        var idB = (await api.CreateAsync(b))["id"]!.GetValue<string>();
        await fixture.Storage.WaitForQuietAsync();

        var staffList = await api.GetAsync("/api/agreements", a.StaffToken);
        Assert.Equal([idA], staffList["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        var kanwilA = await api.TokenAsync("kanwil@kaltim.go.id", "Kanwil", ["kanwil"], region: a.RegionId);
        var regionList = await api.GetAsync("/api/agreements", kanwilA);
        Assert.Equal([idA], regionList["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        await Api.Json(await api.Send(HttpMethod.Get, $"/api/agreements/{idA}", kanwilA), HttpStatusCode.OK);
        await Api.Problem(await api.Send(HttpMethod.Get, $"/api/agreements/{idB}", kanwilA), HttpStatusCode.Forbidden);
        await Api.Problem(await api.Send(HttpMethod.Get, $"/api/agreements?regionId={b.RegionId}", kanwilA), HttpStatusCode.Forbidden);

        var all = await api.GetAsync("/api/agreements", a.AdminToken);
        Assert.Contains(idA, all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Contains(idB, all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReviewerReadsButCannotChange()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var reviewer = await api.TokenAsync("reviewer@lapas.go.id", "Reviewer", ["reviewer"], w.InstitutionId, w.RegionId);
        await Api.Json(await api.Send(HttpMethod.Get, $"/api/agreements/{id}", reviewer), HttpStatusCode.OK);
        await Api.Problem(await api.UploadDraftAsync(id, reviewer), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListsCanBeRebuiltFromTheStateRows()
    {
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        await fixture.Storage.WaitForQuietAsync();
        var rebuilt = await Api.Json(await api.Send(HttpMethod.Post, "/api/admin/rebuild-lists", w.AdminToken), HttpStatusCode.OK);
        Assert.True(rebuilt["agreements"]!.GetValue<int>() >= 1);
        var approved = await api.GetAsync($"/api/agreements?status=Approved&institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(approved["items"]!.AsArray())!["id"]!.GetValue<string>());
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/admin/rebuild-lists", w.StaffToken), HttpStatusCode.Forbidden);
    }
}
