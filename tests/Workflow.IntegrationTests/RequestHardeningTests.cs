using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>What a probe found at the edges: redirects, roles, forms, single-line fields, downloads, keys, CSV.</summary>
[Collection(SinergiCollection.Name)]
public sealed class RequestHardeningTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private HttpClient NoRedirects() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\n/x")]
    [InlineData("/app\\..\\evil")]
    public async Task RedirectTargetsStayOnTheSite(string target)
    {
        var client = NoRedirects();
        var language = await client.GetAsync($"/app/bahasa?l=en&kembali={Uri.EscapeDataString(target)}");
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Equal("/app", language.Headers.Location!.OriginalString);

        var signIn = await client.PostAsync("/app/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "staf@lapas.go.id", ["name"] = "Staf", ["role"] = "staff", ["institution"] = "lapas-x", ["region"] = "kanwil-x", ["returnUrl"] = target,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/app", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALocalRedirectTargetIsKept()
    {
        var language = await NoRedirects().GetAsync($"/app/bahasa?l=en&kembali={Uri.EscapeDataString("/app/perjanjian?status=Active")}");
        Assert.Equal("/app/perjanjian?status=Active", language.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ATokenWithoutAKnownRoleReadsNothing()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var roleless = CraftedToken.With(("email", "tamu@lapas.go.id"), ("name", "Tamu"), ("institution", w.InstitutionId), ("region", w.RegionId), ("roles", "visitor"));
        foreach (var path in new[] { "/api/agreements", $"/api/agreements/{id}", $"/api/agreements/{id}/history", "/api/institutions", "/api/partners" })
        {
            var problem = await Api.Problem(await api.Send(HttpMethod.Get, path, roleless), HttpStatusCode.Forbidden);
            Assert.Contains("peran", problem["detail"]!.GetValue<string>());
        }
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements", roleless, Api.NewAgreementBody(w)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ATokenWithoutAnEmailIsRefused()
    {
        var w = await api.NewWorldAsync();
        var anonymous = CraftedToken.With(("name", "Tanpa Email"), ("roles", "staff"), ("institution", w.InstitutionId), ("region", w.RegionId));
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements", anonymous, Api.NewAgreementBody(w)), HttpStatusCode.Forbidden);
        await Api.Problem(await api.Send(HttpMethod.Get, "/api/agreements", anonymous), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnEasyAuthPrincipalWithoutARoleGetsTheNoAccessPage()
    {
        var w = await api.NewWorldAsync();
        await using var behindEasyAuth = new SinergiFactory(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Auth:AppServiceAuthentication"] = "true", ["Engine:RunBackgroundLoops"] = "false",
        });
        var client = behindEasyAuth.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var principal = $$"""
            {"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"tamu@lapas.go.id"},{"typ":"name","val":"Tamu"},
             {"typ":"institution","val":"{{w.InstitutionId}}"},{"typ":"region","val":"{{w.RegionId}}"}]}
            """;
        foreach (var path in new[] { "/app", "/app/perjanjian", "/app/laporan/perjanjian.csv" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/app/ditolak", response.Headers.Location!.OriginalString);
        }
        var page = await client.GetAsync("/app/ditolak");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("hubungi admin", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FormsOfTooManyFieldsOrAHugeFieldGetA400Page()
    {
        var w = await api.NewWorldAsync();
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        var manyFields = Enumerable.Range(0, 1025).Select(i => new KeyValuePair<string, string>($"f{i}", "x")).ToList();
        List<KeyValuePair<string, string>> hugeField = [new("title", new string('x', 4 * 1024 * 1024 + 1))];
        foreach (var (path, client) in new (string, HttpClient)[] { ("/app/masuk", NoRedirects()), ("/app/perjanjian/baru", browser) })
            foreach (var form in new[] { manyFields, hugeField })
            {
                var response = await client.PostAsync(path, new FormUrlEncodedContent(form));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("Formulir tidak dapat dibaca", await response.Content.ReadAsStringAsync());
            }
    }

    [Fact]
    public async Task ATitleWithALineBreakIsRefusedAndChangesNothing()
    {
        var w = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken,
            Api.NewAgreementBody(w, title: "PKS Pembinaan\r\nYth. Bapak Kalapas, setujui melalui tautan berikut")), HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["title"]);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task ACommentsLinesCannotPassForLinesOfThePlainTextEmail()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync("hukum@kanwil.go.id"), 1, 1, "revise",
            "Pasal 3 diperjelas.\nYth. Bapak Kalapas, draf telah disetujui: http://evil.example"), HttpStatusCode.OK);
        var mail = await fixture.Mail.WaitForAsync(w.HeadEmail);
        var lines = mail["text"]!.GetValue<string>().Split('\n');
        Assert.Contains(lines, l => l.Contains("Yth. Bapak Kalapas"));
        Assert.DoesNotContain(lines, l => l.StartsWith("Yth. Bapak Kalapas"));
    }

    [Fact]
    public async Task DownloadsCannotBeSniffedOrRunInThePage()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var document = (await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created))["documentId"]!.GetValue<string>();
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        foreach (var response in new[]
        {
            await api.Send(HttpMethod.Get, $"/api/agreements/{id}/documents/{document}", w.StaffToken),
            await browser.GetAsync($"/app/perjanjian/{id}/dokumen/{document}"),
        })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        }
    }

    [Fact]
    public async Task SigningOutFromAnotherSiteIsRefused()
    {
        var w = await api.NewWorldAsync();
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        var request = new HttpRequestMessage(HttpMethod.Post, "/app/keluar") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app")).StatusCode); // still signed in
    }

    [Fact]
    public async Task ARefusalDoesNotNameWhoOwnsTheAgreement()
    {
        var owner = await api.NewWorldAsync();
        var other = await api.NewWorldAsync();
        var id = (await api.CreateAsync(owner))["id"]!.GetValue<string>();
        var problem = await Api.Problem(await api.Send(HttpMethod.Get, $"/api/agreements/{id}", other.StaffToken), HttpStatusCode.Forbidden);
        Assert.DoesNotContain(owner.InstitutionId, problem.ToJsonString());
    }

    [Fact]
    public async Task TheSameIdempotencyKeyOnTwoAgreementsRenewsEachOnItsOwn()
    {
        var w = await api.NewWorldAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var (a, b) = (await api.ImportAsync(w, today.AddDays(-40).ToString("yyyy-MM-dd"), 12), await api.ImportAsync(w, today.AddDays(-30).ToString("yyyy-MM-dd"), 12));
        foreach (var id in new[] { a, b })
            await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", w.StaffToken,
                new { periodEnd = today.ToString("yyyy-MM-dd"), summary = "Berjalan baik.", recommendation = "Renew" }), HttpStatusCode.OK);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "perpanjangan-" + Guid.NewGuid() };
        var renewalA = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{a}/renewal", w.StaffToken, new { validityMonths = 24 }, key), HttpStatusCode.Created);
        var renewalB = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{b}/renewal", w.StaffToken, new { validityMonths = 24 }, key), HttpStatusCode.Created);

        Assert.NotEqual(renewalA["id"]!.GetValue<string>(), renewalB["id"]!.GetValue<string>());
        Assert.Equal(b, renewalB["renewalOfId"]!.GetValue<string>());
        var stored = await api.GetAsync($"/api/agreements/{b}", w.StaffToken);
        Assert.Equal(renewalB["id"]!.GetValue<string>(), stored["pendingRenewalId"]!.GetValue<string>());
        // The same key on the same agreement is still a retry.
        var again = await api.Send(HttpMethod.Post, $"/api/agreements/{b}/renewal", w.StaffToken, new { validityMonths = 24 }, key);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task ACsvCellWithASemicolonStaysOneCell()
    {
        var w = await api.NewWorldAsync();
        await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w, title: "PKS Pelatihan;=HYPERLINK(\"x\")")), HttpStatusCode.Created);
        await fixture.Storage.WaitForQuietAsync();
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        var csv = Encoding.UTF8.GetString((await browser.GetByteArrayAsync("/app/laporan/perjanjian.csv"))[3..]);
        Assert.Contains("\"PKS Pelatihan;=HYPERLINK(\"\"x\"\")\"", csv);
    }
}
