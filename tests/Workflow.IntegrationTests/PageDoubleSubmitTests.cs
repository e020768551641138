using System.Net;
using System.Text.RegularExpressions;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// A page form sent twice (a double click on "Unggah", a resend after a lost answer) stores one change: each form
/// carries its own key, and the command's idempotency answers the second with the first one's outcome.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class PageDoubleSubmitTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    /// <summary>The key of the form with that id, as the agreement page shows it now.</summary>
    private static async Task<string> FormKeyAsync(HttpClient browser, string id, string form)
    {
        var page = await browser.GetStringAsync($"/app/perjanjian/{id}");
        var match = Regex.Match(page, "id=\"" + form + "\".*?name=\"formKey\" value=\"([0-9a-f]{32})\"", RegexOptions.Singleline);
        Assert.True(match.Success, $"no form '{form}' with a key on the page");
        return match.Groups[1].Value;
    }

    /// <summary>The same form each time it is called: the same fields and the same file.</summary>
    private static Func<HttpContent> Multipart(string fileName, params (string Name, string? Value)[] fields)
    {
        var pdf = Api.Pdf();
        return () => Api.Form(pdf, fileName, fields);
    }

    /// <summary>Both at once, as a double click sends them; both end on the agreement's page.</summary>
    private static async Task TwiceAsync(HttpClient browser, string path, Func<HttpContent> form)
    {
        var answers = await Task.WhenAll(browser.PostAsync(path, form()), browser.PostAsync(path, form()));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
    }

    private async Task<int> EventsAsync(string id, string type) =>
        (await api.GetAsync($"/api/agreements/{id}/history", w.AdminToken))["events"]!.AsArray().Count(e => e!["type"]!.GetValue<string>() == type);

    private World w = null!;

    [Fact]
    public async Task DraftSigningAndEvaluationFormsSentTwiceStoreOneChangeEach()
    {
        w = await api.NewWorldAsync();
        using var browser = await PageSession.StaffAsync(fixture.Factory, w);
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();

        var key = await FormKeyAsync(browser, id, "draft");
        await TwiceAsync(browser, $"/app/perjanjian/{id}/draft", Multipart("draf.pdf", ("note", "versi awal"), ("formKey", key)));
        Assert.Equal(1, await EventsAsync(id, "DraftUploaded"));
        Assert.Equal(1, await fixture.Storage.BlobCountAsync(id + "/")); // the second copy of the file is not kept
        // The page shown again has a new key: a second upload meant as one is a new version.
        var next = await FormKeyAsync(browser, id, "draft");
        Assert.NotEqual(key, next);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/draft", Multipart("draf-2.pdf", ("note", "perbaikan"), ("formKey", next))())).StatusCode);
        Assert.Equal(2, await EventsAsync(id, "DraftUploaded"));

        var approved = await api.ApprovedAsync(w);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        key = await FormKeyAsync(browser, approved, "signing");
        await TwiceAsync(browser, $"/app/perjanjian/{approved}/signing", Multipart("ditandatangani.pdf",
            ("signedOn", today), ("place", "Rutan Balikpapan"), ("effectiveFrom", ""),
            ("signatories[0].name", "Agus Salim"), ("signatories[0].position", "Kepala Rutan"), ("signatories[0].organization", "Rutan Balikpapan"),
            ("signatories[1].name", "Mohammad Effendi"), ("signatories[1].position", "Pimpinan"), ("signatories[1].organization", "Yayasan SEKATA"),
            ("formKey", key)));
        Assert.Equal(1, await EventsAsync(approved, "AgreementSigned"));

        key = await FormKeyAsync(browser, approved, "evaluation");
        await TwiceAsync(browser, $"/app/perjanjian/{approved}/evaluation", Multipart("bukti.pdf",
            ("periodEnd", today), ("summary", "Program berjalan"), ("recommendation", "Continue"), ("formKey", key)));
        Assert.Equal(1, await EventsAsync(approved, "EvaluationRecorded"));
    }
}
