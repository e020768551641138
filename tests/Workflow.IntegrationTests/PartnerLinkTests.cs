using System.Net;
using System.Text.RegularExpressions;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The partner's link: a signed, expiring page for one agreement, without an account, where the partner reports on its own items.</summary>
[Collection(SinergiCollection.Name)]
public sealed partial class PartnerLinkTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    /// <summary>The day the test agreements are signed (<see cref="Api.SignAsync"/>), 10:00 in WITA.</summary>
    private static readonly DateTimeOffset SignedDay = new(2025, 11, 5, 2, 0, 0, TimeSpan.Zero);

    /// <summary>An Active agreement with an item of the institution (i1) and one of the partner (i2), and a link sent to the partner.</summary>
    private async Task<(World W, string Id, string Url)> WithLinkAsync()
    {
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(id, w.StaffToken), HttpStatusCode.OK);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, new
        {
            items = new object[]
            {
                new { activity = "Pelatihan menjahit", owner = "Kasi Giatja", status = "Planned", dueOn = "2026-12-31" },
                new { activity = "Pameran produk UKM", owner = "Dewan UKM", status = "Planned", frequency = "triwulan", partnerOwned = true },
            },
        }), HttpStatusCode.OK);
        var link = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/partner-link", w.StaffToken), HttpStatusCode.Created);
        return (w, id, link["url"]!.GetValue<string>());
    }

    /// <summary>A client with no account and no cookie, as the partner's browser.</summary>
    private HttpClient Partner() => fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static string Path(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task ThePartnersContactGetsTheLinkAndItsPageShowsTheAgreementAndChangesNothingWhenOpened()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(SignedDay);
        var (w, id, url) = await WithLinkAsync();
        var mail = await fixture.Mail.WaitForAsync($"ketua@{w.InstitutionId[6..]}.or.id");
        Assert.Contains(url, mail["text"]!.GetValue<string>());
        Assert.Contains($"href=\"{url}\"", mail["html"]!.GetValue<string>());

        await fixture.Storage.WaitForQuietAsync(id);
        var before = await fixture.Storage.SnapshotAsync();
        var partner = Partner();
        string page = "";
        for (var i = 0; i < 25; i++)
        {
            var response = await partner.GetAsync(Path(url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            page = await response.Content.ReadAsStringAsync();
        }
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
        Assert.Contains("PKS Pembinaan Kemandirian WBP", page);
        Assert.Contains("Berlaku", page);
        Assert.Contains("Pameran produk UKM", page);
        Assert.Contains("ditandatangani.pdf", page);
        Assert.Contains("name=\"itemId\"", page);
        Assert.DoesNotContain("<option value=\"i1\"", page); // the form offers the partner's own items only

        // The signed copy downloads through the link; another agreement's document does not.
        var signed = Regex.Match(page, "href=\"(/mitra/[^\"]+/dokumen/(doc-[a-z0-9]+))\"").Groups;
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(signed[1].Value)).StatusCode);
        var other = await api.NewWorldAsync();
        var otherId = (await api.CreateAsync(other))["id"]!.GetValue<string>();
        var otherDocument = (await Api.Json(await api.UploadDraftAsync(otherId, other.StaffToken), HttpStatusCode.Created))["documentId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(signed[1].Value.Replace(signed[2].Value, otherDocument))).StatusCode);
    }

    [Fact]
    public async Task ThePartnerReportsProgressOnItsOwnItemWithEvidenceAndTheHistorySaysWhoAndWhen()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(SignedDay);
        var (w, id, url) = await WithLinkAsync();
        var partner = Partner();
        const string today = "2025-11-05";
        var sent = await partner.PostAsync(Path(url), FilesPart(Api.Pdf(), ("itemId", "i2"), ("date", today), ("summary", "Pameran di Samarinda <Expo> & bazar"), ("participants", "15"), ("status", "InProgress")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        var report = agreement["progress"]!.AsArray().Single()!;
        Assert.Equal(("i2", true, $"ketua@{w.InstitutionId[6..]}.or.id"), (report["itemId"]!.GetValue<string>(), report["viaPartnerLink"]!.GetValue<bool>(), report["reportedBy"]!.GetValue<string>()));
        Assert.Single(report["evidence"]!.AsArray());
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        var e = history["events"]!.AsArray()[^1]!;
        Assert.Equal(("ProgressReported", "Andi Fathul Khair", SinergiFactory.ClientIp), (e["type"]!.GetValue<string>(), e["actor"]!["name"]!.GetValue<string>(), e["actor"]!["address"]!.GetValue<string>()));

        // The institution's own item is not the partner's to report on: refused on the page, nothing recorded.
        await fixture.Storage.WaitForQuietAsync(id);
        var before = await fixture.Storage.SnapshotAsync();
        var refused = await partner.PostAsync(Path(url), FilesPart(null, ("itemId", "i1"), ("date", today), ("summary", "x"), ("status", "Done")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("tanggung jawab", await refused.Content.ReadAsStringAsync());
        var unknownStatus = await partner.PostAsync(Path(url), FilesPart(null, ("itemId", "i2"), ("date", today), ("summary", "x"), ("status", "99")));
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task ARevokedReplacedExpiredOrTamperedLinkIsRefusedClearlyAndChangesNothing()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(SignedDay);
        var (w, id, first) = await WithLinkAsync();
        var partner = Partner();
        var token = Path(first)["/mitra/".Length..];

        // Tampered: one character of the grant changed.
        var tampered = (token[0] == 'e' ? 'f' : 'e') + token[1..];
        var bad = await partner.GetAsync($"/mitra/{tampered}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Tautan tidak sah", await bad.Content.ReadAsStringAsync());

        // Replaced by a new link: the old one is void, the new one works.
        var second = (await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/partner-link", w.StaffToken), HttpStatusCode.Created))["url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Gone, (await partner.GetAsync(Path(first))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(Path(second))).StatusCode);

        // Revoked: void, and a report through it changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await api.Send(HttpMethod.Delete, $"/api/agreements/{id}/partner-link", w.StaffToken)).StatusCode);
        await fixture.Storage.WaitForQuietAsync(id);
        var before = await fixture.Storage.SnapshotAsync();
        var revoked = await partner.GetAsync(Path(second));
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("Tautan dicabut", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, (await partner.PostAsync(Path(second), FilesPart(null, ("itemId", "i2"), ("date", "2025-11-05"), ("summary", "x"), ("status", "Done")))).StatusCode);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
        await Api.Problem(await api.Send(HttpMethod.Delete, $"/api/agreements/{id}/partner-link", w.StaffToken), HttpStatusCode.Conflict);

        // Expired: a new link, then the clock past its 90 days.
        var third = (await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/partner-link", w.StaffToken), HttpStatusCode.Created))["url"]!.GetValue<string>();
        clock.To(SignedDay.AddDays(91));
        var expired = await partner.GetAsync(Path(third));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("kedaluwarsa", await expired.Content.ReadAsStringAsync());

        // Only who may change the agreement sends or revokes its link.
        var outsider = await api.NewWorldAsync();
        await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/partner-link", outsider.StaffToken), HttpStatusCode.Forbidden);
    }

    private static MultipartFormDataContent FilesPart(byte[]? file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(content, "files", "laporan.pdf");
        }
        return form;
    }
}
