using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>Monitoring the action plan (monev): progress reports with evidence on each item, and items flagged late in the institution's time zone.</summary>
[Collection(SinergiCollection.Name)]
public sealed class ProgressTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46];

    /// <summary>An Active agreement (signed 5 November 2025, WITA) whose plan has an item of the institution and one of the partner.</summary>
    private async Task<(World W, string Id)> ActiveWithPlanAsync(string timeZone = "Asia/Makassar")
    {
        var w = await api.NewWorldAsync(timeZone);
        var id = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(id, w.StaffToken), HttpStatusCode.OK);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, new
        {
            items = new object[]
            {
                new { activity = "Pelatihan menjahit", owner = "Kasi Giatja", status = "Planned", dueOn = "2025-12-31" },
                new { activity = "Bimbingan NAPZA", owner = "Yayasan SEKATA", status = "InProgress", frequency = "bulanan", partnerOwned = true },
            },
        }), HttpStatusCode.OK);
        return (w, id);
    }

    private static MultipartFormDataContent Report(string date, string summary, string status, int? participants = 20, params (byte[] Bytes, string Name, string Type)[] files)
    {
        var form = new MultipartFormDataContent();
        var report = new JsonObject { ["date"] = date, ["summary"] = summary, ["status"] = status, ["participants"] = participants };
        form.Add(new StringContent(report.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "report");
        foreach (var (bytes, name, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task AReportWithEvidenceIsRecordedAndTheItemTakesItsStatus()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var (w, id) = await ActiveWithPlanAsync();
        var item = (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["actionPlan"]!.AsArray()[0]!;
        Assert.Equal("i1", item["id"]!.GetValue<string>());
        Assert.Contains("progress", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));

        var reported = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/action-plan/i1/progress", w.StaffToken,
            Report("2025-11-05", "Angkatan pertama: 20 warga binaan <mulai> & \"semangat\"", "InProgress", 20,
                (Api.Pdf(), "daftar-hadir.pdf", "application/pdf"), (Png, "foto-1.png", "image/png"), (Jpeg, "foto-2.jpg", "image/jpeg"))), HttpStatusCode.Created);
        Assert.Equal(3, reported["evidence"]!.AsArray().Count);
        Assert.Equal(["application/pdf", "image/png", "image/jpeg"], reported["evidence"]!.AsArray().Select(e => e!["contentType"]!.GetValue<string>()));

        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        var first = agreement["actionPlan"]!.AsArray()[0]!;
        Assert.Equal(("InProgress", 1, "2025-11-05"), (first["status"]!.GetValue<string>(), first["reports"]!.GetValue<int>(), first["lastReportOn"]!.GetValue<string>()));
        var progress = agreement["progress"]!.AsArray().Single()!;
        Assert.Equal("Angkatan pertama: 20 warga binaan <mulai> & \"semangat\"", progress["summary"]!.GetValue<string>());
        Assert.Equal(20, progress["participants"]!.GetValue<int>());

        // The evidence is the agreement's: it downloads as sent.
        var photo = await api.Send(HttpMethod.Get, $"/api/agreements/{id}/documents/{reported["evidence"]![1]!["documentId"]}", w.StaffToken);
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Equal("ProgressReported", history["events"]!.AsArray()[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnItemIsLateFromTheDayAfterItsTargetInTheInstitutionsTimeZoneUntilItIsDone()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var (w, id) = await ActiveWithPlanAsync("Asia/Jayapura"); // WIT, UTC+9
        bool Late(JsonObject a) => a["actionPlan"]!.AsArray()[0]!["late"]!.GetValue<bool>();

        clock.To(new DateTimeOffset(2025, 12, 31, 14, 59, 0, TimeSpan.Zero)); // 23:59 on 31 December in Jayapura
        Assert.False(Late(await api.GetAsync($"/api/agreements/{id}", await StaffAsync(w))));
        clock.To(new DateTimeOffset(2025, 12, 31, 15, 0, 0, TimeSpan.Zero)); // 00:00 on 1 January in Jayapura, still 31 December in UTC
        var staff = await StaffAsync(w);
        Assert.True(Late(await api.GetAsync($"/api/agreements/{id}", staff)));

        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/action-plan/i1/progress", staff,
            Report("2026-01-01", "Pelatihan selesai.", "Done", 18)), HttpStatusCode.Created);
        Assert.False(Late(await api.GetAsync($"/api/agreements/{id}", staff)));
    }

    private async Task<string> StaffAsync(World w) => await api.TokenAsync($"staf@{w.InstitutionId}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId);

    [Fact]
    public async Task ABadReportIsRefusedClearlyAndChangesNothing()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var (w, id) = await ActiveWithPlanAsync();
        var url = $"/api/agreements/{id}/action-plan/i1/progress";
        var other = await api.NewWorldAsync();
        await fixture.Storage.WaitForQuietAsync(id);
        var before = await fixture.Storage.SnapshotAsync();

        var future = await Api.Problem(await api.Send(HttpMethod.Post, url, w.StaffToken, Report("2025-11-07", " ", "Cancelled", -3)), HttpStatusCode.BadRequest);
        Assert.Equal(["date", "participants", "status", "summary"], future["errors"]!.AsObject().Select(e => e.Key).Order());
        await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/action-plan/i9/progress", w.StaffToken, Report("2025-11-05", "x", "Done")), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, url, w.StaffToken,
            Report("2025-11-05", "Foto", "InProgress", 1, ([0x50, 0x4B, 3, 4, 0, 0, 0, 0], "laporan.docx", "image/png"))), HttpStatusCode.UnsupportedMediaType);
        var many = Enumerable.Range(0, 11).Select(i => (Png, $"foto-{i}.png", "image/png")).ToArray();
        await Api.Problem(await api.Send(HttpMethod.Post, url, w.StaffToken, Report("2025-11-05", "Banyak foto", "InProgress", 1, many)), HttpStatusCode.BadRequest);
        var noReport = new MultipartFormDataContent { { new StringContent("x"), "catatan" } };
        await Api.Problem(await api.Send(HttpMethod.Post, url, w.StaffToken, noReport), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, url, other.StaffToken, Report("2025-11-05", "x", "Done")), HttpStatusCode.Forbidden);

        await fixture.Storage.WaitForQuietAsync(id);
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    [Fact]
    public async Task TheKanwilsMonevPageListsPerInstitutionTheAgreementsWhoseItemsAreLate()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var (w, late) = await ActiveWithPlanAsync();
        var onTime = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(onTime, w.StaffToken), HttpStatusCode.OK);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{onTime}/action-plan", w.StaffToken, new
        {
            items = new[] { new { activity = "Pameran produk UKM", owner = "Dewan UKM", status = "Planned", dueOn = "2026-06-30" } },
        }), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync(late);
        await fixture.Storage.WaitForQuietAsync(onTime);

        clock.To(new DateTimeOffset(2026, 1, 2, 2, 0, 0, TimeSpan.Zero));
        var kanwil = await PageSession.SignInAsync(fixture.Factory, $"kanwil@{w.RegionId}.go.id", "kanwil", null, w.RegionId);
        var page = await kanwil.GetStringAsync("/app/monev");
        Assert.Contains("Lapas Narkotika Kelas IIA Samarinda", page);
        Assert.Contains($"/app/perjanjian/{late}", page);
        Assert.Contains("Pelatihan menjahit", page);
        Assert.DoesNotContain("Bimbingan NAPZA", page); // no target date: never late
        Assert.DoesNotContain($"/app/perjanjian/{onTime}", page);

        // Another region's Kanwil does not see it.
        var other = await api.NewWorldAsync();
        var elsewhere = await PageSession.SignInAsync(fixture.Factory, $"kanwil@{other.RegionId}.go.id", "kanwil", null, other.RegionId);
        Assert.DoesNotContain($"/app/perjanjian/{late}", await elsewhere.GetStringAsync("/app/monev"));
    }
}
