using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// Past a thousand agreements (a national view) every list, count and report still holds every one: 2,500 agreements
/// on an Azurite of their own, read through the API's pages, the list pages, the dashboard and both report formats.
/// </summary>
public sealed partial class ListCompletenessTests : IAsyncLifetime
{
    private const int Agreements = 2_500;
    private IsolatedApp app = null!;

    // No background work: the lists are rebuilt once at the end instead of agreement by agreement, and no orchestration
    // runs (2,500 of them would only slow the test down; lists do not depend on them).
    public async Task InitializeAsync() => app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TwoAndAHalfThousandAgreementsAgreeAcrossApiPagesListPagesCountsAndReports()
    {
        var api = new Api(app.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var created = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Titles repeat (every 700th), so the pages' order must break ties by id and still lose no row.
        await Parallel.ForEachAsync(Enumerable.Range(0, Agreements), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var body = Api.NewAgreementBody(w, title: $"PKS Pembinaan {i % 700:D3}");
            created.Add((await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, body), HttpStatusCode.Created))["id"]!.GetValue<string>());
        });
        await Api.Json(await api.Send(HttpMethod.Post, "/api/admin/rebuild-lists", w.AdminToken), HttpStatusCode.OK);
        var expected = created.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Agreements, expected.Distinct().Count());

        // The API, nationally (admin) and for the institution (staff), page by page.
        Assert.Equal(expected, (await ApiPagesAsync(api, "/api/agreements?pageSize=500", w.AdminToken)).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (await ApiPagesAsync(api, $"/api/agreements?institutionId={w.InstitutionId}&pageSize=97", w.StaffToken)).Order(StringComparer.Ordinal));

        // The list pages, following "next" to the end: every agreement once, in title order.
        var browser = await PageSession.SignInAsync(app.Factory, "admin@ditjenpas.go.id", "admin", null, null);
        var listed = new List<(string Title, string Id)>();
        var page = await browser.GetStringAsync("/app/perjanjian");
        Assert.Contains($"{Agreements} perjanjian", page);
        while (true)
        {
            listed.AddRange(ListedRows().Matches(page).Select(m => (WebUtility.HtmlDecode(m.Groups[2].Value), m.Groups[1].Value)));
            if (NextLink().Match(page) is not { Success: true } next) break;
            page = await browser.GetStringAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        }
        Assert.Equal(expected, listed.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(listed.OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal), listed);

        // The dashboard counts the whole set.
        Assert.Contains($"<strong>{Agreements}</strong>Semua perjanjian", await browser.GetStringAsync("/app"));

        // Both reports hold every agreement; the counts by institution add up to all of them.
        var csv = Encoding.UTF8.GetString(await browser.GetByteArrayAsync("/app/laporan/perjanjian.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, csv.Skip(1).Select(line => line[(line.LastIndexOf(',') + 1)..]).Order(StringComparer.Ordinal));
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await browser.GetByteArrayAsync("/app/laporan/perjanjian.xlsx")), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(xlsx));
            var rows = xlsx.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1);
            Assert.Equal(expected, rows.Select(r => r.Elements<Cell>().Last().InnerText).Order(StringComparer.Ordinal));
        }
        var counts = Encoding.UTF8.GetString(await browser.GetByteArrayAsync("/app/laporan/rekap-institution.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Agreements, counts.Skip(1).Sum(line => int.Parse(line[(line.LastIndexOf(',') + 1)..])));
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await browser.GetByteArrayAsync("/app/laporan/rekap-institution.xlsx")), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(xlsx));
            var totals = xlsx.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1).Select(r => r.Elements<Cell>().Last()).ToList();
            Assert.All(totals, c => Assert.Equal(CellValues.Number, c.DataType?.Value));
            Assert.Equal(Agreements, totals.Sum(c => int.Parse(c.InnerText)));
        }
    }

    private static async Task<List<string>> ApiPagesAsync(Api api, string first, string token)
    {
        var ids = new List<string>();
        for (var url = first; ;)
        {
            var page = await api.GetAsync(url, token);
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            if (page["continuationToken"]?.GetValue<string>() is not { } next) return ids;
            url = $"{first}&continuationToken={Uri.EscapeDataString(next)}";
        }
    }

    [GeneratedRegex("""<td><a href="/app/perjanjian/([^"]+)">([^<]*)</a>""")]
    private static partial Regex ListedRows();

    [GeneratedRegex("""href="([^"]+)" rel="next">""")]
    private static partial Regex NextLink();
}
