using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed partial class ReportTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private Task<HttpClient> StaffAsync(World w) => PageSession.StaffAsync(fixture.Factory, w);

    private async Task<(World World, HttpClient Browser)> WorldWithAgreementsAsync()
    {
        var w = await api.NewWorldAsync();
        foreach (var title in new[] { "=HYPERLINK(\"x\") PKS Berbahaya", "PKS Pelatihan, \"Konveksi\" & Pemasaran", "PKS Kesehatan <WBP>" })
            await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w, title: title)), HttpStatusCode.Created);
        await fixture.Storage.WaitForQuietAsync();
        return (w, await StaffAsync(w));
    }

    [Fact]
    public async Task XlsxExportOpensAndHoldsTheRowsTheListShows()
    {
        var (_, browser) = await WorldWithAgreementsAsync();
        var list = await (await browser.GetAsync("/app/perjanjian?q=PKS")).Content.ReadAsStringAsync();
        var listed = ListedTitles().Matches(list).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(3, listed.Count);

        var response = await browser.GetAsync("/app/laporan/perjanjian.xlsx?q=PKS");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal("Judul", rows[0][5]);
        Assert.Equal(listed.Order(), rows.Skip(1).Select(r => r[5]).Order());
        Assert.All(rows.Skip(1), r => Assert.Equal("Penyusunan draf", r[6]));
    }

    [Fact]
    public async Task CsvExportQuotesFieldsAndDisarmsFormulas()
    {
        var (_, browser) = await WorldWithAgreementsAsync();
        var response = await browser.GetAsync("/app/laporan/perjanjian.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\") PKS Berbahaya\"", csv);
        Assert.Contains("\"PKS Pelatihan, \"\"Konveksi\"\" & Pemasaran\"", csv);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task CountsPerInstitutionRegionAndPartnerKind()
    {
        var (w, browser) = await WorldWithAgreementsAsync();
        foreach (var (name, group) in new[] { ("rekap-institution", "Lapas Narkotika Kelas IIA Samarinda"), ("rekap-region", w.RegionId), ("rekap-partnerKind", "Other") })
        {
            var csv = Encoding.UTF8.GetString((await browser.GetByteArrayAsync($"/app/laporan/{name}.csv"))[3..]);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Kelompok,Penjajakan,Penyusunan draf", lines[0]);
            Assert.Equal($"{group},0,3,0,0,0,0,0,0,0,3", lines[1]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/app/laporan/rekap-apa.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/app/laporan/perjanjian.pdf")).StatusCode);
    }

    [GeneratedRegex("""<tr><td><a href="/app/perjanjian/agr-[a-z0-9]+">([^<]*)</a>""")]
    private static partial Regex ListedTitles();
}
