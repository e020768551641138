using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The server-rendered pages under /app, signed in through the development sign-in page.</summary>
[Collection(SinergiCollection.Name)]
public sealed partial class PageTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private HttpClient Browser(bool followRedirects = true) =>
        fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });

    private Task<HttpClient> StaffAsync(World w) => PageSession.StaffAsync(fixture.Factory, w, followRedirects: true);

    private static async Task<(HttpStatusCode Status, string Html)> Get(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSiteRootLeadsToSignInThenToTheDashboard()
    {
        var w = await api.NewWorldAsync();
        var root = await Browser(followRedirects: false).GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/app", root.Headers.Location!.OriginalString);
        var (status, page) = await Get(Browser(), "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"staf@{w.InstitutionId}.example", page); // the sign-in page, with the demo users

        var (signedIn, dashboard) = await Get(await StaffAsync(w), "/");
        Assert.Equal(HttpStatusCode.OK, signedIn);
        Assert.Contains("<h1>Dasbor</h1>", dashboard);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser(followRedirects: false).GetAsync("/tidak-ada")).StatusCode);
    }

    [Fact]
    public async Task TheDashboardAndListsCountEachAgreementByItsInstitutionsDay()
    {
        var w = await api.NewWorldAsync(timeZone: "Asia/Jayapura");
        var id = await api.ImportAsync(w, "2025-09-02", 24); // its first evaluation falls due on 2 March 2026
        using var clock = new ClockTravel(fixture);

        clock.To(new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.Zero)); // 23:30 WIT on 1 March: not yet
        var (_, before) = await Get(await StaffAsync(w), "/app");
        Assert.Contains("<strong>0</strong>Evaluasi jatuh tempo", before);

        clock.To(new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero)); // still 1 March in UTC, but 01:30 on 2 March in WIT
        var browser = await StaffAsync(w);
        var (_, after) = await Get(browser, "/app");
        Assert.Contains("<strong>1</strong>Evaluasi jatuh tempo", after);
        var (_, list) = await Get(browser, "/app/perjanjian?evaluationDue=1");
        Assert.Contains($"/app/perjanjian/{id}", list);
    }

    [Fact]
    public async Task PagesNeedSignInAndTheDevelopmentPageListsUsersByRole()
    {
        var w = await api.NewWorldAsync();
        var anonymous = await Browser(followRedirects: false).GetAsync("/app/perjanjian");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/app/masuk", anonymous.Headers.Location!.PathAndQuery);

        var (status, page) = await Get(Browser(), "/app/masuk");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("admin@sinergi.example", page);
        Assert.Contains($"kanwil@{w.RegionId}.example", page);
        Assert.Contains($"staf@{w.InstitutionId}.example", page);

        var (dashboard, html) = await Get(await StaffAsync(w), "/app");
        Assert.Equal(HttpStatusCode.OK, dashboard);
        Assert.Contains("<h1>Dasbor</h1>", html);
    }

    [Fact]
    public async Task DashboardCountsFollowTheCallersScopeAndLinkToTheirLists()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(DateTimeOffset.UtcNow.AddDays(-10));
        var w = await api.NewWorldAsync();
        var other = await api.NewWorldAsync();
        var late = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(late, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{late}/review", w.StaffToken, Api.Steps("lambat@kanwil.go.id")), HttpStatusCode.OK);
        await api.CreateAsync(w);
        var hidden = (await api.CreateAsync(other))["id"]!.GetValue<string>();
        clock.Dispose();
        await fixture.Storage.WaitForQuietAsync();

        var browser = await StaffAsync(w);
        var (_, dashboard) = await Get(browser, "/app");
        Assert.Contains("""<a class="card " href="/app/perjanjian"><strong>2</strong>Semua perjanjian""", dashboard);
        Assert.Contains("""<a class="card bad" href="/app/perjanjian?lateReview=1"><strong>1</strong>Reviu melewati batas""", dashboard);
        Assert.Contains($"/app/perjanjian/{late}", dashboard);

        var (_, lateList) = await Get(browser, "/app/perjanjian?lateReview=1");
        Assert.Contains($"/app/perjanjian/{late}", lateList);
        Assert.Contains("""<p class="muted">1 perjanjian ·""", lateList);
        var (_, all) = await Get(browser, "/app/perjanjian");
        Assert.DoesNotContain(hidden, all);
    }

    /// <summary>The list page's link to the page after it.</summary>
    private static string NextLink(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(html, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);

    [Fact]
    public async Task ListFiltersSearchesAndPages()
    {
        var w = await api.NewWorldAsync();
        for (var i = 0; i < 26; i++) await api.CreateAsync(w);
        var special = (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken,
            Api.NewAgreementBody(w, title: "PKS Literasi Keuangan Bank BRI")), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await fixture.Storage.WaitForQuietAsync();
        var browser = await StaffAsync(w);

        var (_, first) = await Get(browser, "/app/perjanjian");
        Assert.Contains("Halaman 1 / 2", first);
        Assert.Equal(25, RowLinks().Matches(first).Count);
        var (_, second) = await Get(browser, NextLink(first));
        Assert.Equal(2, RowLinks().Matches(second).Count);
        Assert.Contains("Halaman 2 / 2", second);
        Assert.Empty(RowLinks().Matches(first).Select(m => m.Groups[1].Value).Intersect(RowLinks().Matches(second).Select(m => m.Groups[1].Value)));
        Assert.DoesNotContain("rel=\"next\"", second);
        var (_, back) = await Get(browser, System.Net.WebUtility.HtmlDecode(Regex.Match(second, "href=\"([^\"]+)\" rel=\"prev\"").Groups[1].Value));
        Assert.Equal(RowLinks().Matches(first).Select(m => m.Groups[1].Value), RowLinks().Matches(back).Select(m => m.Groups[1].Value));

        var (_, found) = await Get(browser, "/app/perjanjian?q=literasi+keuangan");
        Assert.Equal([special], RowLinks().Matches(found).Select(m => m.Groups[1].Value));
        var (_, byPartner) = await Get(browser, $"/app/perjanjian?partnerId={w.PartnerId}");
        Assert.Equal(27, RowLinks().Matches(byPartner).Count + RowLinks().Matches((await Get(browser, NextLink(byPartner))).Html).Count);
        Assert.Contains($"<option value=\"{w.PartnerId}\" selected>", byPartner);
        var (_, byArea) = await Get(browser, "/app/perjanjian?area=Health");
        Assert.Empty(RowLinks().Matches(byArea));
        var (badStatus, _) = await Get(browser, "/app/perjanjian?status=Aktif");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task AgreementPageShowsPartiesDocumentsReviewAndVerifiedHistory()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w, Api.Audiensi()))["id"]!.GetValue<string>();
        var draft = await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, note: "versi awal"), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        var browser = await StaffAsync(w);

        var (status, page) = await Get(browser, $"/app/perjanjian/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var text in new[] { "PKS Pembinaan Kemandirian WBP", "Dewan UKM Provinsi Kalimantan Timur", "Kantor Wali Kota Bontang", "Neni Moerniaeni",
                     "Draf versi 1", "versi awal", "Putaran 1", "menunggu", "rantai hash utuh", "Diajukan untuk reviu", "Pemasaran produk",
                     "(Lainnya)", "Bagian hukum" })
            Assert.Contains(text, page);
        // What the domain calls in English identifiers reads in Bahasa Indonesia: partner kind, roles, history events.
        foreach (var identifier in new[] { "ReviewSubmitted", "AgreementCreated", "(Other)", "(Legal)" })
            Assert.DoesNotContain(identifier, page);

        var documentId = draft["documentId"]!.GetValue<string>();
        var download = await browser.GetAsync($"/app/perjanjian/{id}/dokumen/{documentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UserOfAnotherInstitutionCannotOpenTheAgreementPageOrItsDocuments()
    {
        var w = await api.NewWorldAsync();
        var other = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var documentId = (await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created))["documentId"]!.GetValue<string>();
        var outsider = await StaffAsync(other);

        var (status, page) = await Get(outsider, $"/app/perjanjian/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Tidak berwenang", page);
        Assert.DoesNotContain("Dewan UKM", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/app/perjanjian/{id}/dokumen/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(outsider, $"/app/perjanjian?institutionId={w.InstitutionId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(outsider, "/app/perjanjian/agr-tidak-ada")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(outsider, "/app/perjanjian/agr%23x")).Status);
    }

    [Fact]
    public async Task EnglishSwitchKeepsThePageAndChangesItsLanguage()
    {
        var w = await api.NewWorldAsync();
        var browser = await StaffAsync(w);
        var (_, indonesian) = await Get(browser, "/app/perjanjian");
        Assert.Contains("<html lang=\"id\">", indonesian);
        Assert.Contains("<a href=\"/app/perjanjian/baru\">Baru</a>", indonesian); // the frame's texts, from Texts.resx
        Assert.Contains(">Keluar</button>", indonesian);
        var (status, english) = await Get(browser, "/app/bahasa?l=en&kembali=%2Fapp%2Fperjanjian");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("<h1>Agreements</h1>", english);
        Assert.Contains("<a href=\"/app/perjanjian/baru\">New</a>", english); // from Texts.en.resx
        Assert.Contains(">Sign out</button>", english);
        var away = await Browser(followRedirects: false).GetAsync("/app/bahasa?l=en&kembali=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/app", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PagesLoadNothingFromElsewhere()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var browser = await StaffAsync(w);
        foreach (var path in new[] { "/app", "/app/perjanjian", $"/app/perjanjian/{id}", "/app/masuk" })
        {
            var (_, html) = await Get(browser, path);
            Assert.DoesNotMatch(RemoteReference(), html);
            Assert.DoesNotContain("<script", html);
        }
        var css = await browser.GetAsync("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.DoesNotMatch(RemoteReference(), await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AppServicePrincipalSignsInWhereEasyAuthIsInFront()
    {
        var w = await api.NewWorldAsync();
        await using var behindEasyAuth = new SinergiFactory(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Auth:AppServiceAuthentication"] = "true", ["Engine:RunBackgroundLoops"] = "false",
        });
        var client = behindEasyAuth.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var challenge = await client.GetAsync("/app");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/.auth/login/aad", challenge.Headers.Location!.OriginalString);

        var principal = $$"""
            {"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"Kalapas@Lapas.go.id"},{"typ":"name","val":"Kepala Lapas"},
             {"typ":"roles","val":"staff"},{"typ":"institution","val":"{{w.InstitutionId}}"},{"typ":"region","val":"{{w.RegionId}}"}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Get, "/app");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
        var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Kepala Lapas", await page.Content.ReadAsStringAsync());
        var forged = new HttpRequestMessage(HttpMethod.Get, "/app");
        forged.Headers.Add("X-MS-CLIENT-PRINCIPAL", "not base64 at all");
        Assert.NotEqual(HttpStatusCode.OK, (await client.SendAsync(forged)).StatusCode);
    }

    [GeneratedRegex("""<tr><td><a href="/app/perjanjian/(agr-[a-z0-9]+)">""")]
    private static partial Regex RowLinks();

    [GeneratedRegex("""(src|href)\s*=\s*"(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteReference();
}
