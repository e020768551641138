using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class ImportTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static MultipartFormDataContent ImportForm(World w, string signedOn, int months, string? renewalOfId = null, byte[]? file = null) =>
        Api.ImportForm(w, signedOn, months, renewalOfId, file);

    [Fact]
    public async Task ImportedAgreementsArriveByTheirDatesAndKeepTheRenewalLink()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2026, 9, 20, 1, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();

        var old = await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2020-03-13", 36)), HttpStatusCode.Created);
        Assert.Equal("Expired", old["status"]!.GetValue<string>());
        Assert.Equal("2023-03-13", old["expiresOn"]!.GetValue<string>());
        Assert.True(old["signing"]!["imported"]!.GetValue<bool>());
        Assert.Empty(old["nextTimers"]!.AsArray());

        var oldId = old["id"]!.GetValue<string>();
        var renewal = await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2023-03-13", 48, oldId)), HttpStatusCode.Created);
        Assert.Equal("Active", renewal["status"]!.GetValue<string>());
        Assert.Equal(oldId, renewal["renewalOfId"]!.GetValue<string>());

        var current = await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2025-10-14", 12)), HttpStatusCode.Created);
        Assert.Equal("Active", current["status"]!.GetValue<string>());
        var timers = current["nextTimers"]!.AsArray();
        Assert.All(timers, t => Assert.True(string.CompareOrdinal(t!["dueOn"]!.GetValue<string>(), "2026-09-20") >= 0));
        Assert.Equal(["2026-10-07"], timers.Where(t => t!["kind"]!.GetValue<string>() == "RenewalNotice").Select(t => t!["dueOn"]!.GetValue<string>()));

        await fixture.Storage.WaitForQuietAsync();
        var renewed = await api.GetAsync($"/api/agreements/{oldId}", w.StaffToken);
        Assert.Equal("Renewed", renewed["status"]!.GetValue<string>());
        Assert.Equal(renewal["id"]!.GetValue<string>(), renewed["renewedById"]!.GetValue<string>());

        var expiring = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}&expiresBefore=2026-12-31", w.StaffToken);
        Assert.Equal(new[] { current["id"]!.GetValue<string>(), oldId }.Order(), expiring["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task RetriedImportKeepsOneAgreementAndOneBlob()
    {
        var w = await api.NewWorldAsync();
        var pdf = Api.Pdf();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var first = await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2025-10-14", 12, file: pdf), headers), HttpStatusCode.Created);
        var retry = await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2025-10-14", 12, file: pdf), headers), HttpStatusCode.Created);
        var id = first["id"]!.GetValue<string>();
        Assert.Equal(id, retry["id"]!.GetValue<string>());
        Assert.Equal(1, await fixture.Storage.BlobCountAsync(id + "/"));
    }

    [Fact]
    public async Task ImportRefusesARenewalOfAnotherPartnersAgreement()
    {
        var w = await api.NewWorldAsync();
        var other = await api.NewWorldAsync();
        var otherId = (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", other.KanwilToken, ImportForm(other, "2020-03-13", 36)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, "2023-03-13", 36, otherId)), HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("renewalOfId"));
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task ImportWithoutTheAgreementPartIsRefusedAndLeavesNoBlob()
    {
        var w = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, Api.Form(Api.Pdf(), "x.pdf")), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken,
            Api.Form("%PDF-1.4 dari sini tidak dibaca"u8.ToArray(), "x.pdf", ("agreement", "{}"))), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken,
            Api.ImportForm(w, "2025-10-14", 12, file: "%PDX not really"u8.ToArray())), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }
}
