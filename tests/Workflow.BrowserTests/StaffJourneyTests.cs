using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.BrowserTests;

/// <summary>A staff member runs an agreement through the pages in a real browser; an official decides from the emailed link.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StaffJourneyTests(BrowserFixture fixture)
{
    /// <summary>As a new user: the site's root, which leads to the sign-in page, then a demo user.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        Assert.Contains("/app/masuk", page.Url);
        await page.Locator($"form:has(input[name=email][value='{email}']) button").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/app"));
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, name), FullPage = true });

    /// <summary>The innermost elements that reach past the right edge of the window.</summary>
    private const string TooWide = """
        () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
            && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 5).map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} (${Math.round(e.getBoundingClientRect().right)} px): ${(e.textContent || '').trim().slice(0, 60)}`).join('; ')
        """;

    private static readonly (int Width, int Height, string Name)[] Screens = [(390, 844, "phone"), (1280, 900, "desktop")];

    /// <summary>
    /// A page on a phone and on a desktop, in Bahasa Indonesia and in English (name-phone-id.png, …); on the phone it
    /// must not scroll sideways. Leaves the page in Bahasa Indonesia.
    /// </summary>
    private static async Task ShotsAsync(IPage page, string path, string name)
    {
        foreach (var language in new[] { "en", "id" })
        {
            await page.GotoAsync($"/app/bahasa?l={language}&kembali={Uri.EscapeDataString(path)}");
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            foreach (var screen in Screens)
            {
                await page.SetViewportSizeAsync(screen.Width, screen.Height);
                await Shot(page, $"{name}-{screen.Name}-{language}.png");
                if (screen.Width < 500)
                    Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                        $"{path} ({language}) scrolls sideways on a phone; too wide: " + await page.EvaluateAsync<string>(TooWide));
            }
        }
    }

    /// <summary>What the pages say that a test looks for, in each language.</summary>
    private sealed record Words(string Exploring, string InReview, string NotAllowed, string ReviewNotYet, string DraftNotWhenActive,
        string RenewalNeedsEvaluation, string TerminationScheduled, string AlreadyScheduled, string Drafting);

    private static Words In(string language) => language == "en"
        ? new("Exploring", "In review", "Not allowed", "Cannot submit for review: the agreement is Exploring; it must be Drafting.", "Cannot upload a draft: the agreement is Active",
            "A renewal needs an evaluation in the last 12 months", "Termination scheduled", "A termination is already scheduled for", "Drafting")
        : new("Penjajakan", "Dalam reviu", "Tidak berwenang", "Tidak dapat mengajukan reviu: status perjanjian Penjajakan, harus Penyusunan draf.", "Tidak dapat mengunggah draf: status perjanjian Berlaku",
            "Perpanjangan memerlukan evaluasi dalam 12 bulan terakhir", "Pengakhiran dijadwalkan", "Pengakhiran sudah dijadwalkan berlaku", "Penyusunan draf");

    /// <summary>The page in the language chosen, through the link every page offers.</summary>
    private static async Task InLanguageAsync(IPage page, string language, string path)
    {
        await page.GotoAsync($"/app/bahasa?l={language}&kembali={Uri.EscapeDataString(path)}");
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
    }

    /// <summary>Sends one of the agreement page's forms; it must be taken (the page comes back without a message).</summary>
    private static async Task SubmitAsync(IPage page, string form)
    {
        await page.ClickAsync($"#{form} button[type=submit]");
        await page.WaitForLoadStateAsync();
        var errors = await page.Locator(".error").AllInnerTextsAsync();
        Assert.True(errors.Count == 0, $"the {form} form was refused: {string.Join(" | ", errors)}");
    }

    /// <summary>The forms the agreement page offers, by name.</summary>
    private static async Task<IReadOnlyList<string>> FormsAsync(IPage page) =>
        [.. (await page.Locator("form.command").EvaluateAllAsync<string[]>("fs => fs.map(f => f.id)")).Order()];

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task StaffRunsAnAgreementFromAudiensiToItsRenewalNoticeAndAnOutsiderIsKeptOut(string language)
    {
        var words = In(language);
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var outsider = await api.NewWorldAsync();
        var staffEmail = $"staf@{w.InstitutionId}.example";
        var official = $"hukum@{w.RegionId}.example";
        var pdf = Path.Combine(Path.GetTempPath(), $"draf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, Api.Pdf(padding: 2000));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // the institution is in WITA
        try
        {
            var page = await fixture.NewPageAsync();
            await SignInAsync(page, staffEmail);

            // A new agreement from the audiensi.
            await InLanguageAsync(page, language, "/app/perjanjian/baru");
            await page.SelectOptionAsync("select[name=partnerId]", w.PartnerId);
            await page.SelectOptionAsync("select[name=kind]", "Pks");
            await page.FillAsync("input[name=title]", "PKS Pembinaan Kemandirian dan Pemasaran Produk WBP");
            await page.FillAsync("textarea[name=purpose]", "Membina kemandirian warga binaan dan memasarkan hasil karya mereka.");
            await page.SelectOptionAsync("select[name='scope[0].area']", "ProductMarketing");
            await page.FillAsync("input[name='scope[0].description']", "Pemasaran produk hasil karya WBP");
            await page.FillAsync("input[name=validityMonths]", "12");
            await page.FillAsync("input[name='audiensi.date']", today.AddDays(-14).ToString("yyyy-MM-dd"));
            await page.FillAsync("input[name='audiensi.place']", "Lapas Narkotika Samarinda");
            await page.FillAsync("input[name='audiensi.attendees[0].name']", "Andi Fathul Khair");
            await page.FillAsync("input[name='audiensi.attendees[0].position']", "Ketua");
            await page.FillAsync("input[name='audiensi.attendees[0].organization']", "Dewan UKM Kaltim");
            await page.ClickAsync("form.command button[type=submit]");
            await page.WaitForURLAsync(new Regex("/app/perjanjian/agr-[a-z0-9]+$"));
            var id = AgreementId().Match(page.Url).Groups[1].Value;
            Assert.Contains(words.Exploring, await page.InnerTextAsync("main"));
            Assert.Equal(["action-plan", "draft", "draft-generated"], await FormsAsync(page));
            Assert.Contains(words.ReviewNotYet, await page.InnerTextAsync("ul.refused"));

            // A draft uploaded, then version 2 written by Sinergi in the page's language, then a review with one official.
            await page.SetInputFilesAsync("#draft input[name=file]", pdf);
            await page.ClickAsync("#draft button[type=submit]");
            await page.WaitForSelectorAsync("#review");
            Assert.Contains(words.Drafting, await page.InnerTextAsync("main"));
            Assert.Equal(["action-plan", "draft", "draft-generated", "review"], await FormsAsync(page));
            await page.SelectOptionAsync("#draft-generated select[name=language]", language);
            await SubmitAsync(page, "draft-generated");
            Assert.Contains(".docx", await page.InnerTextAsync("main"));
            await page.SelectOptionAsync("#review select[name='steps[0].role']", "Legal");
            await page.FillAsync("#review input[name='steps[0].name']", "Yessy Rita Apsati");
            await page.FillAsync("#review input[name='steps[0].email']", official);
            await page.FillAsync("#review input[name='steps[0].daysAllowed']", "7");
            await page.ClickAsync("#review button[type=submit]");
            await page.WaitForSelectorAsync($"text={words.InReview}");
            Assert.Empty(await FormsAsync(page));

            // The official decides from the emailed link, in their own browser.
            var email = await fixture.Mail.WaitForAsync(official);
            var link = LinkInEmail().Match(email["text"]!.GetValue<string>()).Value;
            var officialPage = await fixture.NewPageAsync(390, 844);
            await officialPage.GotoAsync(link);
            Assert.Contains("Mohon keputusan Anda", await officialPage.InnerTextAsync("h1"));
            // One page in both languages (Bahasa Indonesia, English beneath): on a phone and on a desktop.
            if (language == "id")
            {
                await officialPage.SetViewportSizeAsync(1280, 900);
                await Shot(officialPage, "approval-page-desktop.png");
                await officialPage.SetViewportSizeAsync(390, 844);
                await Shot(officialPage, "approval-page-phone.png");
            }
            // On a 390-px phone nothing runs off the screen, the draft's download button included.
            Assert.True(await officialPage.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the approval page scrolls sideways");
            var download = (await officialPage.Locator("a.button").BoundingBoxAsync())!;
            Assert.True(download.X + download.Width <= 390, $"the download button ends at {download.X + download.Width} px");
            await officialPage.FillAsync("textarea[name=comment]", "Sudah sesuai.");
            await officialPage.ClickAsync("button[value=approve]");
            await officialPage.WaitForSelectorAsync("text=keputusan Anda telah dicatat");
            Assert.Contains("your decision has been recorded", await officialPage.InnerTextAsync("p.en"));

            // Approved: an action plan, then the signing and an evaluation.
            await page.ReloadAsync();
            Assert.Equal(["action-plan", "partner-link", "signing"], await FormsAsync(page));
            await page.FillAsync("#action-plan input[name='items[0].activity']", "Pelatihan konveksi");
            await page.FillAsync("#action-plan input[name='items[0].owner']", "Kasi Giatja");
            await page.FillAsync("#action-plan input[name='items[0].frequency']", "Mingguan");
            await SubmitAsync(page, "action-plan");
            await page.FillAsync("#signing input[name=signedOn]", today.ToString("yyyy-MM-dd"));
            await page.FillAsync("#signing input[name=place]", "Lapas Narkotika Samarinda");
            await page.FillAsync("#signing input[name='signatories[0].name']", "Hidayat");
            await page.FillAsync("#signing input[name='signatories[0].position']", "Kepala Lapas");
            await page.FillAsync("#signing input[name='signatories[1].name']", "Andi Fathul Khair");
            await page.FillAsync("#signing input[name='signatories[1].position']", "Ketua Dewan UKM");
            await page.SetInputFilesAsync("#signing input[name=file]", pdf);
            await page.ClickAsync("#signing button[type=submit]");
            await page.Locator("#evaluation, .error").First.WaitForAsync();
            Assert.True(await page.Locator("#evaluation").CountAsync() == 1, "signing refused: " + string.Join(" | ", await page.Locator(".error").AllInnerTextsAsync()));
            Assert.Equal(["action-plan", "evaluation", "partner-link", "progress", "termination"], await FormsAsync(page));
            await page.FillAsync("#progress input[name=date]", today.ToString("yyyy-MM-dd"));
            await page.FillAsync("#progress textarea[name=summary]", "Angkatan pertama konveksi dimulai.");
            await page.FillAsync("#progress input[name=participants]", "12");
            await page.SetInputFilesAsync("#progress input[name=files]", pdf);
            await SubmitAsync(page, "progress");
            Assert.Contains("Angkatan pertama konveksi dimulai.", await page.InnerTextAsync("main"));
            await page.FillAsync("#evaluation input[name=periodEnd]", today.ToString("yyyy-MM-dd"));
            await page.FillAsync("#evaluation textarea[name=summary]", "Pelatihan konveksi berjalan; produk dipamerkan.");
            await page.SelectOptionAsync("#evaluation select[name=recommendation]", "Renew");
            await page.SelectOptionAsync("#evaluation select[name='itemScores[0].score']", "4");
            await page.ClickAsync("#evaluation button[type=submit]");
            await page.WaitForSelectorAsync("text=Pelatihan konveksi berjalan");
            var documentLink = await page.GetAttributeAsync("a[href*='/dokumen/']", "href");

            // Eighty days before expiry the dashboard shows it, and the sweep sends the renewal notice.
            var expires = today.AddMonths(12);
            using var http = new HttpClient { BaseAddress = new Uri(fixture.App.Url) };
            (await http.PutAsJsonAsync("/api/dev/clock", new { utcNow = new DateTimeOffset(expires.AddDays(-80).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero) })).EnsureSuccessStatusCode();
            try
            {
                (await http.PostAsync("/api/dev/sweep", null)).EnsureSuccessStatusCode();
                var dashboard = await fixture.NewPageAsync();
                await SignInAsync(dashboard, staffEmail);
                var expiringCard = await dashboard.InnerTextAsync("a.card[href*='expiringWithin']");
                Assert.StartsWith("1", expiringCard.Trim());
                Assert.Contains("PKS Pembinaan Kemandirian dan Pemasaran Produk WBP", await dashboard.InnerTextAsync("main"));
                Assert.Equal("rgb(11, 83, 148)", await dashboard.EvalOnSelectorAsync<string>("header", "e => getComputedStyle(e).backgroundColor")); // the app's own stylesheet applied
                if (language == "id") await ShotsAsync(dashboard, "/app", "dashboard");
                var head = $"kalapas@{w.InstitutionId[6..]}.go.id";
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (!(await fixture.Mail.ToAsync(head)).Any(m => m["subject"]!.GetValue<string>().StartsWith("[Sinergi] Berakhir dalam 80 hari")))
                {
                    Assert.True(DateTime.UtcNow < deadline, "no renewal notice reached the head of the institution");
                    await Task.Delay(100);
                }
                if (language == "id") await ShotsAsync(dashboard, $"/app/perjanjian/{id}", "agreement-page");
            }
            finally
            {
                await http.DeleteAsync("/api/dev/clock");
            }

            // Someone of another institution sees neither the page nor its documents.
            var other = await fixture.NewPageAsync();
            await SignInAsync(other, $"staf@{outsider.InstitutionId}.example");
            await InLanguageAsync(other, language, "/app");
            var refused = await other.GotoAsync($"/app/perjanjian/{id}");
            Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
            Assert.Contains(words.NotAllowed, await other.InnerTextAsync("h1"));
            var document = await other.APIRequest.GetAsync(documentLink!);
            Assert.Equal((int)HttpStatusCode.Forbidden, document.Status);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task AnActiveAgreementsFormsAreTheOnesItsRulesAllowAndEachSucceeds(string language)
    {
        var words = In(language);
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // the institution is in WITA
        var id = await api.ImportAsync(w, today.AddMonths(-2).ToString("yyyy-MM-dd"), 24);
        var page = await fixture.NewPageAsync();
        await SignInAsync(page, $"staf@{w.InstitutionId}.example");
        await InLanguageAsync(page, language, $"/app/perjanjian/{id}");
        Task<IReadOnlyList<string>> FormsAsync() => StaffJourneyTests.FormsAsync(page);

        // Offered: the plan, an evaluation, a termination. Refused, with the rule's reason in the page's language: a draft, a renewal.
        Assert.Equal(["action-plan", "evaluation", "partner-link", "termination"], await FormsAsync());
        var refused = await page.InnerTextAsync("ul.refused");
        Assert.Contains(words.DraftNotWhenActive, refused);
        Assert.Contains(words.RenewalNeedsEvaluation, refused);

        await page.FillAsync("#action-plan input[name='items[0].activity']", "Vocational sewing class");
        await page.FillAsync("#action-plan input[name='items[0].owner']", "Head of Giatja");
        await page.FillAsync("#action-plan input[name='items[0].dueOn']", today.AddMonths(3).ToString("yyyy-MM-dd"));
        await SubmitAsync(page, "action-plan");
        Assert.Contains("Vocational sewing class", await page.InnerTextAsync("#rencana-aksi"));
        Assert.Equal(["action-plan", "evaluation", "partner-link", "progress", "termination"], await FormsAsync());
        await page.FillAsync("#progress input[name=date]", today.ToString("yyyy-MM-dd"));
        await page.FillAsync("#progress textarea[name=summary]", "First class held.");
        await page.SelectOptionAsync("#progress select[name=status]", "Done");
        await SubmitAsync(page, "progress");
        Assert.Contains("First class held.", await page.InnerTextAsync("main"));

        await page.FillAsync("#evaluation input[name=periodEnd]", today.ToString("yyyy-MM-dd"));
        await page.FillAsync("#evaluation textarea[name=summary]", "Classes run every week; products sold at the fair.");
        await page.SelectOptionAsync("#evaluation select[name=recommendation]", "Renew");
        await page.ClickAsync("#evaluation button[type=submit]");
        await page.WaitForSelectorAsync("text=Classes run every week");
        Assert.Equal(["action-plan", "evaluation", "partner-link", "progress", "renewal", "termination"], await FormsAsync());

        // A scheduled termination: the agreement stays Active, the form to withdraw it replaces the one to terminate.
        await page.FillAsync("#termination textarea[name=reason]", "The partner moves the programme elsewhere.");
        await page.FillAsync("#termination input[name=effectiveOn]", today.AddDays(30).ToString("yyyy-MM-dd"));
        await page.ClickAsync("#termination button[type=submit]");
        await page.WaitForSelectorAsync("#withdrawal");
        Assert.Equal(["action-plan", "evaluation", "partner-link", "progress", "withdrawal"], await FormsAsync());
        Assert.Contains(words.TerminationScheduled, await page.InnerTextAsync("dl.facts"));
        Assert.Contains($"{words.AlreadyScheduled} {today.AddDays(30):yyyy-MM-dd}", await page.InnerTextAsync("ul.refused"));
        await page.FillAsync("#withdrawal textarea[name=reason]", "The programme stays here.");
        await page.ClickAsync("#withdrawal button[type=submit]");
        await page.WaitForSelectorAsync("#renewal");
        Assert.Equal(["action-plan", "evaluation", "partner-link", "progress", "renewal", "termination"], await FormsAsync());

        // The renewal leads to the new agreement, drafting.
        await page.FillAsync("#renewal input[name=validityMonths]", "24");
        await page.ClickAsync("#renewal button[type=submit]");
        await page.WaitForURLAsync(url => AgreementId().Match(url) is { Success: true } m && m.Groups[1].Value != id);
        Assert.Contains(words.Drafting, await page.InnerTextAsync("main"));
        Assert.Contains("draft", await FormsAsync());

        // Back on the renewed one: a link for the partner, then revoked.
        await InLanguageAsync(page, language, $"/app/perjanjian/{id}");
        await SubmitAsync(page, "partner-link");
        Assert.Contains("partner-link-revoke", await FormsAsync());
        await SubmitAsync(page, "partner-link-revoke");
        Assert.DoesNotContain("partner-link-revoke", await FormsAsync());
    }

    [GeneratedRegex("/app/perjanjian/(agr-[a-z0-9]+)")]
    private static partial Regex AgreementId();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/approvals/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex LinkInEmail();
}
