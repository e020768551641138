using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Approvals;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class ApprovalLinkTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private OfficialBrowser Browser() => new(fixture.Factory.CreateClient());

    private static string[] Officials(string tag) =>
        [$"hukum-{tag}@kanwil-kaltim.example", $"kalapas-{tag}@lapas.example", $"walikota-{tag}@bontang.example"];

    private async Task<(World World, string Id, string[] Officials)> InReviewAsync(int steps = 3, string? title = null)
    {
        var w = await api.NewWorldAsync();
        var body = Api.NewAgreementBody(w, title: title ?? "PKS Pembinaan Kemandirian WBP");
        var id = (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, body), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        var officials = Officials(Guid.NewGuid().ToString("N")[..8])[..steps];
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(officials)), HttpStatusCode.OK);
        return (w, id, officials);
    }

    [Fact]
    public async Task ThreeOfficialsApproveThroughTheirEmailedLinks()
    {
        var (w, id, officials) = await InReviewAsync();
        for (var step = 0; step < 3; step++)
        {
            var email = await fixture.Mail.WaitForAsync(officials[step]);
            Assert.StartsWith("[Sinergi] Mohon keputusan: PKS Pembinaan Kemandirian WBP", email["subject"]!.GetValue<string>());
            var text = email["text"]!.GetValue<string>();
            Assert.Contains("Dewan UKM Provinsi Kalimantan Timur", text);
            Assert.Contains("Batas waktu", text);
            Assert.Contains("-- English --", text);
            Assert.Contains($"{id}/o-", email["headers"]!["x-sinergi-outbox-id"]!.GetValue<string>());
            Assert.Contains("http://localhost/approvals/", email["html"]!.GetValue<string>());

            var link = OfficialBrowser.LinkIn(email);
            var browser = Browser();
            await fixture.Storage.WaitForQuietAsync();
            var before = await fixture.Storage.SnapshotAsync();
            var (status, page) = await browser.OpenAsync(link);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Mohon keputusan Anda", page);
            Assert.Contains($"langkah {step + 1} dari 3", page);
            Assert.Equal(before, await fixture.Storage.SnapshotAsync());

            var (decided, confirmation) = await browser.PostAsync(link, OfficialBrowser.AntiforgeryToken(page), "approve", $"setuju langkah {step + 1}");
            Assert.Equal(HttpStatusCode.OK, decided);
            Assert.Contains("keputusan Anda telah dicatat", confirmation);
        }

        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("Approved", agreement["status"]!.GetValue<string>());
        var steps = agreement["reviewRounds"]![0]!["steps"]!.AsArray();
        Assert.All(steps, s => Assert.Equal("Approve", s!["decision"]!.GetValue<string>()));
        Assert.Equal("setuju langkah 2", steps[1]!["comment"]!.GetValue<string>());
        Assert.Equal(officials[1], steps[1]!["decidedBy"]!.GetValue<string>());
        Assert.Equal(SinergiFactory.ClientIp, steps[1]!["decidedFrom"]!.GetValue<string>());

        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        var decision = history["events"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "ReviewStepDecided")!;
        Assert.Equal(officials[0], decision["actor"]!["email"]!.GetValue<string>());
        Assert.Equal(steps[0]!["decidedFrom"]!.GetValue<string>(), decision["actor"]!["address"]!.GetValue<string>());
        // Each official was asked by the agreement's orchestration, once, when their turn came.
        var asked = history["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "DecisionRequested").ToList();
        Assert.Equal([1, 2, 3], asked.Select(e => e!["data"]!["step"]!.GetValue<int>()));
        Assert.All(asked, e => Assert.Equal("sistem@sinergi.local", e!["actor"]!["email"]!.GetValue<string>()));

        var closed = await fixture.Mail.WaitForAsync($"kalapas@{w.InstitutionId[6..]}.go.id");
        Assert.Contains("disetujui", closed["subject"]!.GetValue<string>());
        Assert.Contains("setuju langkah 3", closed["text"]!.GetValue<string>());
        var submitter = await fixture.Mail.WaitForAsync($"staf@{w.InstitutionId[6..]}.go.id");
        Assert.Equal(closed["subject"]!.GetValue<string>(), submitter["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangesRequestedThenANewRoundRefusesTheOldRoundsLink()
    {
        var (w, id, officials) = await InReviewAsync();
        var first = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        Assert.Equal(HttpStatusCode.OK, (await Browser().DecideAsync(first, "approve")).Status);
        var second = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[1]));
        var (status, _) = await Browser().DecideAsync(second, "revise", "Pasal 4 tentang pembiayaan perlu diperjelas.");
        Assert.Equal(HttpStatusCode.OK, status);

        var closed = await fixture.Mail.WaitForAsync($"staf@{w.InstitutionId[6..]}.go.id");
        Assert.Contains("perbaikan", closed["subject"]!.GetValue<string>());
        Assert.Contains("Pasal 4 tentang pembiayaan perlu diperjelas.", closed["text"]!.GetValue<string>());
        Assert.Equal("Drafting", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["status"]!.GetValue<string>());
        Assert.Empty(await fixture.Mail.ToAsync(officials[2]));

        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, note: "perbaikan pasal 4"), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(officials)), HttpStatusCode.OK);
        var newRound = await fixture.Mail.WaitForAsync(officials[0], count: 2);
        Assert.NotEqual(first, OfficialBrowser.LinkIn(newRound));

        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var browser = Browser();
        var (oldStatus, oldPage) = await browser.OpenAsync(second);
        Assert.Equal(HttpStatusCode.Conflict, oldStatus);
        Assert.Contains("putaran reviu sebelumnya", oldPage);
        var (postStatus, postPage) = await browser.PostAsync(second, null, "approve", null);
        Assert.Equal(HttpStatusCode.Conflict, postStatus);
        Assert.Contains("putaran reviu sebelumnya", postPage);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());

        Assert.Equal(HttpStatusCode.OK, (await Browser().DecideAsync(OfficialBrowser.LinkIn(newRound), "approve")).Status);
        var round2 = (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["reviewRounds"]![1]!;
        Assert.Equal(2, round2["draftVersion"]!.GetValue<int>());
        Assert.Equal("Approve", round2["steps"]![0]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task ManyOpeningsOfALinkChangeNothing()
    {
        var (_, _, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();
        var scanner = fixture.Factory.CreateClient();
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await scanner.SendAsync(new HttpRequestMessage(HttpMethod.Head, link))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(link + "/draft")).StatusCode);
        }
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task ReusedLinkShowsTheRecordedDecision()
    {
        var (w, id, officials) = await InReviewAsync(steps: 2);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        var browser = Browser();
        var (_, page) = await browser.OpenAsync(link);
        var token = OfficialBrowser.AntiforgeryToken(page);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(link, token, "approve", "setuju")).Status);

        var (again, againPage) = await browser.PostAsync(link, token, "reject", "berubah pikiran");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains("Keputusan sudah tercatat", againPage);
        Assert.Contains("Disetujui", againPage);
        var (opened, openedPage) = await Browser().OpenAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened);
        Assert.Contains("Keputusan sudah tercatat", openedPage);
        Assert.DoesNotContain("<form", openedPage);

        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Single(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "ReviewStepDecided");
    }

    [Fact]
    public async Task ForgedTamperedAndExpiredLinksEachGetTheirOwnPage()
    {
        var (_, _, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        var token = link["/approvals/".Length..];
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var browser = Browser();

        var forged = $"/approvals/{payload}.{(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}";
        var (forgedStatus, forgedPage) = await browser.OpenAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, forgedStatus);
        Assert.Contains("Tautan tidak sah", forgedPage);

        var otherPayload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"agreementId\":\"agr-x\",\"round\":1,\"step\":1,\"email\":\"a@b.id\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.OpenAsync($"/approvals/{otherPayload}.{signature}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.OpenAsync("/approvals/bukan-token")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(forged, null, "approve", null)).Status);

        using var clock = new ClockTravel(fixture);
        clock.To(DateTimeOffset.UtcNow.AddDays(15));
        var (expiredStatus, expiredPage) = await browser.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expiredStatus);
        Assert.Contains("Tautan sudah kedaluwarsa", expiredPage);
        Assert.Equal(HttpStatusCode.Gone, (await browser.OpenAsync(link + "/draft")).Status);
    }

    [Fact]
    public async Task PostWithoutTheFormTokenIsRefusedAndChangesNothing()
    {
        var (w, id, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        var (status, page) = await Browser().PostAsync(link, null, "approve", null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Formulir tidak dapat diproses", page);
        Assert.Equal("InReview", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RequestForChangesWithoutACommentKeepsTheFormAndItsText()
    {
        var (w, id, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        var browser = Browser();
        var (_, page) = await browser.OpenAsync(link);
        var (status, again) = await browser.PostAsync(link, OfficialBrowser.AntiforgeryToken(page), "revise", "   ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Tuliskan catatan", again);
        Assert.Contains("<form", again);
        var (unknown, unknownPage) = await browser.PostAsync(link, OfficialBrowser.AntiforgeryToken(again), "setuju-saja", "catatan saya");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("catatan saya", unknownPage);
        Assert.Equal("InReview", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TitleWithScriptArrivesEncodedInEmailAndPage()
    {
        const string title = "<script>alert('x')</script> PKS & Pelatihan";
        var (_, _, officials) = await InReviewAsync(steps: 1, title: title);
        var email = await fixture.Mail.WaitForAsync(officials[0]);
        var html = email["html"]!.GetValue<string>();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains(title, email["text"]!.GetValue<string>());

        var (_, page) = await Browser().OpenAsync(OfficialBrowser.LinkIn(email));
        Assert.DoesNotContain("<script>", page);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; PKS &amp; Pelatihan", page);
    }

    [Fact]
    public async Task DraftDownloadsFromTheLink()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var pdf = Api.Pdf(padding: 5000);
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, pdf), HttpStatusCode.Created);
        var official = Officials(Guid.NewGuid().ToString("N")[..8])[0];
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official)), HttpStatusCode.OK);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(official));
        var response = await fixture.Factory.CreateClient().GetAsync(link + "/draft");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task FormFromOneInstanceIsAcceptedByAnother()
    {
        var (w, id, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        var noCookies = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false };
        var page = await fixture.Factory.CreateClient(noCookies).GetAsync(link);
        var cookie = page.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var token = OfficialBrowser.AntiforgeryToken(await page.Content.ReadAsStringAsync());

        await using var other = new SinergiFactory(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });
        var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__antiforgery"] = token, ["decision"] = "approve", ["comment"] = "" }),
        };
        post.Headers.Add("Cookie", cookie);
        var response = await other.CreateClient(noCookies).SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Approved", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["status"]!.GetValue<string>());
        var keys = fixture.Blobs.GetBlobContainerClient(Workflow.Functions.Storage.DataProtectionSetup.KeysContainer).GetBlobs();
        Assert.True(keys.Any(), "the form keys are not in blob storage");
    }

    [Fact]
    public async Task LinkSignedWithThePreviousKeyStillWorksAfterRotation()
    {
        var (_, _, officials) = await InReviewAsync(steps: 1);
        var link = OfficialBrowser.LinkIn(await fixture.Mail.WaitForAsync(officials[0]));
        await using var rotated = new SinergiFactory(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Approvals:SigningKey"] = "the-new-approval-link-key-after-rotation-0123",
            ["Approvals:PreviousSigningKey"] = SinergiFactory.ApprovalKey,
            ["Engine:RunBackgroundLoops"] = "false",
        });
        Assert.Equal(HttpStatusCode.OK, (await rotated.CreateClient().GetAsync(link)).StatusCode);
        await using var forgotten = new SinergiFactory(fixture.Azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Approvals:SigningKey"] = "the-new-approval-link-key-after-rotation-0123",
            ["Engine:RunBackgroundLoops"] = "false",
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await forgotten.CreateClient().GetAsync(link)).StatusCode);
        var fresh = rotated.Services.GetRequiredService<ApprovalTokens>().Issue("agr-x", 1, 1, "a@b.id");
        Assert.Equal(TokenCheck.Invalid, fixture.Factory.Services.GetRequiredService<ApprovalTokens>().Verify(fresh).Check);
    }
}
