using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.BrowserTests;

/// <summary>
/// The demo data as <c>./run</c> loads it: the Bontang MoU's draft is written by Sinergi, and its rendering by LibreOffice
/// (Debian's, installed by <c>./test</c>) is kept beside the screenshots, for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoDraftTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheBontangDemoMouHasAGeneratedDraftThatLibreOfficeRenders()
    {
        var demo = AppProcess.BuiltAssembly(Path.Combine("demo", "Sinergi.Demo"), "Sinergi.Demo.dll");
        var loaded = await CommandLine.RunAsync("dotnet", AzuriteProcess.RepositoryRoot(), [demo, fixture.App.Url], TimeSpan.FromMinutes(3));
        Assert.True(loaded.ExitCode == 0, $"demo: {loaded}");

        var api = fixture.Api();
        var admin = await api.TokenAsync("admin@sinergi.example", "Admin", ["admin"]);
        // The list is a projection a moment behind the commands.
        System.Text.Json.Nodes.JsonNode? mou = null;
        for (var attempt = 0; mou is null && attempt < 100; attempt++, await Task.Delay(100))
            mou = (await api.GetAsync("/api/agreements?institutionId=lapas-bontang&status=InReview", admin))["items"]!.AsArray().SingleOrDefault();
        Assert.NotNull(mou);
        var agreement = await api.GetAsync($"/api/agreements/{mou["id"]!.GetValue<string>()}", admin);
        var generated = agreement["drafts"]!.AsArray().Last()!;
        Assert.Equal(2, generated["version"]!.GetValue<int>());
        var file = await api.Send(HttpMethod.Get, $"/api/agreements/{agreement["id"]}/documents/{generated["documentId"]}", admin);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        var draft = Docx.Read(bytes);
        Assert.Empty(draft.ValidationErrors);
        Assert.Equal(["NOTA KESEPAHAMAN", "ANTARA", "LAPAS KELAS IIA BONTANG", "DENGAN", "PEMERINTAH KOTA BONTANG"], draft.Paragraphs.Take(5));
        Assert.Contains("jangka waktu 60 (enam puluh) bulan", draft.Text);

        var docx = Path.Combine(BrowserFixture.Screenshots, "draf-mou-bontang.docx");
        await File.WriteAllBytesAsync(docx, bytes);
        var pdf = Path.ChangeExtension(docx, ".pdf");
        File.Delete(pdf);
        // A profile of its own, so a LibreOffice a person has open does not take the conversion over.
        var profile = Path.Combine(Path.GetTempPath(), $"sinergi-lo-{Guid.NewGuid():N}");
        try
        {
            var rendered = await CommandLine.RunAsync("soffice", BrowserFixture.Screenshots,
                [$"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", BrowserFixture.Screenshots, docx], TimeSpan.FromMinutes(3));
            Assert.True(rendered.ExitCode == 0 && File.Exists(pdf), $"soffice: {rendered}");
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..5]));
        }
        finally
        {
            if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
        }
    }
}
