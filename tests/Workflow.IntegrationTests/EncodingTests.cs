using System.Net;
using System.Text;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// What people type reaches pages and e-mails as text, never as markup or a template: an agreement filled with the
/// classic probes everywhere a person writes, then every page, report and e-mail it shows up in, in both languages.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class EncodingTests(SinergiFixture fixture)
{
    private const string Script = "<script>alert(1)</script>", Attribute = "\"><img src=x onerror=alert(1)>", Template = "{{7*7}}";
    private static readonly string Probe = $"{Script} {Attribute} {Template}";
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task NoPageReportOrEmailCarriesWhatPeopleTypedAsMarkup()
    {
        var w = await api.NewWorldAsync();
        var official = $"hukum-{Guid.NewGuid():N}@kanwil.example";
        var id = (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, new
        {
            institutionId = w.InstitutionId, partnerId = w.PartnerId, kind = "Pks", title = $"PKS {Script}", purpose = Probe,
            scope = new[] { new { area = "Education", description = Probe } }, validityMonths = 12,
            audiensi = new { date = "2025-10-24", place = $"Aula {Attribute}", notes = Probe, attendees = new[] { new { name = $"Tamu {Script}", position = Template, organization = Attribute } } },
        }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, note: Probe), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, new
        {
            steps = new[] { new { role = "Legal", name = $"Analis {Script}", email = official, daysAllowed = 5 } },
        }), HttpStatusCode.OK);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(official));
        var approval = new OfficialBrowser(fixture.Factory.CreateClient());
        var (_, approvalPage) = await approval.OpenAsync(link);
        await approval.DecideAsync(link, "approve", Probe);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken,
            new { items = new[] { new { activity = Probe, owner = Attribute, frequency = Template, status = "Planned" } } }), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync(id);

        var browser = await PageSession.StaffAsync(fixture.Factory, w, followRedirects: true);
        var pages = new List<(string Where, string Html)> { ("approval page", approvalPage) };
        foreach (var language in new[] { "id", "en" })
        {
            await browser.GetAsync($"/app/bahasa?l={language}&kembali=/app");
            foreach (var path in new[] { "/app", $"/app/perjanjian?q={Uri.EscapeDataString(Probe)}", "/app/perjanjian", $"/app/perjanjian/{id}", "/app/penandatanganan", "/app/laporan" })
                pages.Add(($"{path} ({language})", await browser.GetStringAsync(path)));
        }
        var mails = await fixture.Mail.ToAsync(official);
        mails = [.. mails, .. await fixture.Mail.ToAsync($"staf@{w.InstitutionId[6..]}.go.id"), .. await fixture.Mail.ToAsync(w.HeadEmail)];
        pages.AddRange(mails.Select(m => ($"e-mail '{m["subject"]}'", m["html"]?.GetValue<string>() ?? "")));

        Assert.All(pages, page =>
        {
            Assert.DoesNotContain(Script, page.Html);
            Assert.DoesNotContain("<img src=x", page.Html);
            Assert.DoesNotContain("onerror=alert(1)>", page.Html);
        });
        // Shown, as text: the agreement page holds every field, the e-mail the title; a template is never evaluated.
        var agreementPage = pages.Single(p => p.Where == $"/app/perjanjian/{id} (id)").Html;
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", agreementPage);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", agreementPage);
        Assert.Contains(Template, agreementPage);
        Assert.Contains("&lt;script&gt;", mails.First()["html"]!.GetValue<string>());

        // The list as CSV holds the title as it was typed (a file, not a page), and the XLSX opens.
        var csv = Encoding.UTF8.GetString(await browser.GetByteArrayAsync($"/app/laporan/perjanjian.csv?institutionId={w.InstitutionId}"));
        Assert.Contains($"PKS {Script}", csv);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/app/laporan/perjanjian.xlsx?institutionId={w.InstitutionId}")).StatusCode);
    }
}
