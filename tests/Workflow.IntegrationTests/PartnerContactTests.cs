using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>A partner is shared, its contact is not: an institution's notices go to the contact it (or its Kanwil, or an admin) gave.</summary>
[Collection(SinergiCollection.Name)]
public sealed class PartnerContactTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static object Partner(string id, string email) => new { id, name = "Pemerintah Kabupaten Contoh", kind = "LocalGovernment", contactName = "Kontak", contactEmail = email };

    [Fact]
    public async Task AnotherInstitutionCannotChooseWhereYourNoticesGo()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var a = await api.NewWorldAsync();
        var b = await api.NewWorldAsync();
        var partner = $"pemkab-{Guid.NewGuid():N}"[..30];
        var (theirs, ours) = ($"pengalih@{partner}.example", $"humas@{partner}.example");

        // A registers the partner first, with a contact of its choosing; B gives its own.
        await Api.Json(await api.Send(HttpMethod.Post, "/api/partners", a.StaffToken, Partner(partner, theirs)), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, "/api/partners", b.StaffToken, Partner(partner, ours)), HttpStatusCode.Created);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/partners", b.StaffToken, Partner(partner, "lain@contoh.example")), HttpStatusCode.Conflict);
        Assert.Equal(theirs, (await api.GetAsync($"/api/partners/{partner}", a.StaffToken))["contactEmail"]!.GetValue<string>());
        Assert.Equal(ours, (await api.GetAsync($"/api/partners/{partner}", b.StaffToken))["contactEmail"]!.GetValue<string>());

        var form = Api.ImportForm(b with { PartnerId = partner }, "2025-11-05", 12);
        var id = (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements/import", b.KanwilToken, form), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await fixture.Storage.WaitForQuietAsync();
        clock.To(new DateTimeOffset(2026, 8, 7, 0, 0, 0, TimeSpan.Zero)); // 08:00 WITA, 90 days before expiry
        Assert.Contains($"{id} RenewalNotice:2026-08-07:90 days before expiry", await api.SweepAsync());
        await fixture.Storage.WaitForQuietAsync();

        Assert.StartsWith("[Sinergi] Berakhir dalam 90 hari", (await fixture.Mail.WaitForAsync(ours))["subject"]!.GetValue<string>());
        Assert.Empty(await fixture.Mail.ToAsync(theirs));
    }

    [Fact]
    public async Task AnAdminsContactServesWhoGaveNone()
    {
        var w = await api.NewWorldAsync();
        var partner = $"bank-{Guid.NewGuid():N}"[..30];
        await Api.Json(await api.Send(HttpMethod.Post, "/api/partners", w.StaffToken, Partner(partner, "cabang@bank.example")), HttpStatusCode.Created);
        var other = await api.NewWorldAsync();
        Assert.Equal("", (await api.GetAsync($"/api/partners/{partner}", other.StaffToken))["contactEmail"]!.GetValue<string>());
        await Api.Json(await api.Send(HttpMethod.Post, "/api/partners", w.AdminToken, Partner(partner, "pusat@bank.example")), HttpStatusCode.Created);
        Assert.Equal("pusat@bank.example", (await api.GetAsync($"/api/partners/{partner}", other.StaffToken))["contactEmail"]!.GetValue<string>());
        Assert.Equal("cabang@bank.example", (await api.GetAsync($"/api/partners/{partner}", w.StaffToken))["contactEmail"]!.GetValue<string>());
    }
}
