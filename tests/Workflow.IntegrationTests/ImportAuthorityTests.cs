using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>An agreement signed before Sinergi arrives Active without a review, so only the Kanwil of its region or an admin may import it.</summary>
[Collection(SinergiCollection.Name)]
public sealed class ImportAuthorityTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task StaffImportIsRefusedBeforeTheFileIsStored()
    {
        var w = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.StaffToken,
            Api.ImportForm(w, DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), 12)), HttpStatusCode.Forbidden);
        Assert.Contains("Kanwil", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task AnotherRegionsKanwilIsRefusedBeforeTheFileIsStored()
    {
        var w = await api.NewWorldAsync();
        var elsewhere = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", elsewhere.KanwilToken, Api.ImportForm(w, "2025-10-14", 12)), HttpStatusCode.Forbidden);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task TheAgreementMustComeBeforeTheSignedCopy()
    {
        var w = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken,
            Api.FileFirst(Api.ImportForm(w, "2025-10-14", 12))), HttpStatusCode.BadRequest);
        Assert.Contains("sebelum bagian 'file'", problem["errors"]!["agreement"]![0]!.GetValue<string>());
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task TheHeadIsToldOfAnImportAndListsAndPagesMarkIt()
    {
        var w = await api.NewWorldAsync();
        var id = await api.ImportAsync(w, "2025-10-14", 12);
        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.True(agreement["imported"]!.GetValue<bool>());
        Assert.Equal($"kanwil@{w.InstitutionId[6..]}.go.id", agreement["createdBy"]!.GetValue<string>());

        var mail = await fixture.Mail.WaitForAsync(w.HeadEmail);
        Assert.StartsWith("[Sinergi] Perjanjian impor dicatat", mail["subject"]!.GetValue<string>());
        Assert.Contains($"kanwil@{w.InstitutionId[6..]}.go.id", mail["text"]!.GetValue<string>());

        await fixture.Storage.WaitForQuietAsync();
        var listed = (await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken))["items"]![0]!;
        Assert.True(listed["imported"]!.GetValue<bool>());
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        Assert.Contains("badge imported", await browser.GetStringAsync("/app/perjanjian"));
        Assert.Contains("badge imported", await browser.GetStringAsync($"/app/perjanjian/{id}"));
    }

    [Fact]
    public async Task AdminImportsAnywhere()
    {
        var w = await api.NewWorldAsync();
        var form = Api.ImportForm(w, "2025-10-14", 12);
        await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", w.AdminToken, form), HttpStatusCode.Created);
    }
}
