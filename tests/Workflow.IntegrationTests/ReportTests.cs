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
        foreach (var (name, group) in new[] { ("rekap-institution", "Lapas Narkotika Kelas IIA Samarinda"), ("rekap-region", w.RegionId), ("rekap-partnerKind", "Lainnya") })
        {
            var csv = Encoding.UTF8.GetString((await browser.GetByteArrayAsync($"/app/laporan/{name}.csv"))[3..]);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Kelompok,Penjajakan,Penyusunan draf", lines[0]);
            Assert.Equal($"{group},0,3,0,0,0,0,0,0,0,3", lines[1]);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/app/laporan/rekap-apa.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/app/laporan/perjanjian.pdf")).StatusCode);
    }

    private static async Task<SpreadsheetDocument> XlsxAsync(HttpClient browser, string path)
    {
        var document = SpreadsheetDocument.Open(new MemoryStream(await browser.GetByteArrayAsync(path)), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        return document;
    }

    private static CellFormat FormatOf(SpreadsheetDocument document, Cell cell) =>
        document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    [Fact]
    public async Task XlsxCountsAreNumbersDatesAreDatesAndTheHeaderIsBoldFrozenAndFiltered()
    {
        var w = await api.NewWorldAsync();
        await api.ImportAsync(w, "2025-09-02", 24);
        await fixture.Storage.WaitForQuietAsync();
        var browser = await StaffAsync(w);

        using (var counts = await XlsxAsync(browser, "/app/laporan/rekap-institution.xlsx"))
        {
            var row = counts.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Single(r => r.RowIndex! == 2u).Elements<Cell>().ToList();
            Assert.Equal("Lapas Narkotika Kelas IIA Samarinda", row[0].InnerText);
            Assert.All(row.Skip(1), c => Assert.Equal(CellValues.Number, c.DataType!.Value));
            Assert.Equal("1", row[^1].CellValue!.Text);
            Assert.Equal("1", row[1 + (int)Workflow.Core.AgreementStatus.Active].CellValue!.Text);
        }

        using var list = await XlsxAsync(browser, $"/app/laporan/perjanjian.xlsx?institutionId={w.InstitutionId}");
        var sheet = list.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        var header = rows[0].Elements<Cell>().ToList();
        Assert.All(header, c => Assert.NotNull(list.WorkbookPart!.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>()
            .ElementAt((int)FormatOf(list, c).FontId!.Value).Bold));
        Assert.Equal(PaneStateValues.Frozen, sheet.Descendants<Pane>().Single().State!.Value);
        Assert.Equal($"A1:K{rows.Count}", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        var effective = rows[1].Elements<Cell>().ElementAt(8); // "Berlaku mulai"
        Assert.Null(effective.DataType); // a number: the date's serial
        Assert.Equal(new DateTime(2025, 9, 2), DateTime.FromOADate(double.Parse(effective.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var format = FormatOf(list, effective);
        Assert.Equal("yyyy-mm-dd", list.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
        var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(11, widths.Count);
        Assert.True(widths[5] >= "PKS Pembinaan Kemandirian WBP".Length, $"title column {widths[5]} wide");
    }

    [GeneratedRegex("""<tr><td><a href="/app/perjanjian/agr-[a-z0-9]+">([^<]*)</a>""")]
    private static partial Regex ListedTitles();
}
