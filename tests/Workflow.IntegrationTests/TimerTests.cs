using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// Timers driven by the dev clock, on real Azurite, with mail into maildev: the notices of an agreement's end by the
/// renewal-notice timer (POST /api/dev/sweep), its review and evaluation reminders by its orchestration.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class TimerTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static DateTimeOffset Local(string day, int hour, int minute, int offsetHours) =>
        new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(offsetHours)).ToUniversalTime();

    private async Task<IReadOnlyList<string>> SweepAtAsync(ClockTravel clock, DateTimeOffset at)
    {
        clock.To(at);
        await fixture.Storage.WaitForQuietAsync(seconds: 60);
        var fired = await api.SweepAsync();
        await fixture.Storage.WaitForQuietAsync(seconds: 60);
        return fired;
    }

    /// <summary>Moves the clock, wakes the agreement's orchestration, and answers the notices fired on it so far.</summary>
    private async Task<IReadOnlyList<string>> ProcessAtAsync(ClockTravel clock, DateTimeOffset at, string id)
    {
        clock.To(at, id);
        await fixture.Storage.WaitForQuietAsync(seconds: 60);
        return await api.NoticesAsync(id);
    }

    private async Task<string> StatusAsync(string id) =>
        (await api.GetAsync($"/api/agreements/{id}", await api.AdminTokenAsync()))["status"]!.GetValue<string>();

    [Fact]
    public async Task SignedAgreementGetsItsNoticesOnTheFiveDaysInItsTimeZoneOnceEachThenExpires()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(Local("2025-11-05", 10, 0, 8));
        var samarinda = await api.NewWorldAsync("Asia/Makassar");
        var jakarta = await api.NewWorldAsync("Asia/Jakarta");
        var kanwil = await api.AddKanwilAsync(samarinda);
        var wita = await api.ImportAsync(samarinda, "2025-11-05", 12);
        var wib = await api.ImportAsync(jakarta, "2025-11-05", 12);
        await fixture.Storage.WaitForQuietAsync();

        foreach (var (day, days) in new[] { ("2026-08-07", 90), ("2026-09-06", 60), ("2026-10-06", 30), ("2026-10-29", 7) })
        {
            var notice = $"RenewalNotice:{day}:{days} days before expiry";
            Assert.DoesNotContain($"{wita} {notice}", await SweepAtAsync(clock, Local(day, 7, 59, 8)));
            var witaMorning = await SweepAtAsync(clock, Local(day, 8, 0, 8));
            Assert.Contains($"{wita} {notice}", witaMorning);
            Assert.DoesNotContain($"{wib} {notice}", witaMorning); // 08:00 WITA is 07:00 WIB
            var wibMorning = await SweepAtAsync(clock, Local(day, 8, 0, 7));
            Assert.Contains($"{wib} {notice}", wibMorning);
            Assert.DoesNotContain($"{wita} {notice}", wibMorning);
        }
        Assert.Equal("Active", await StatusAsync(wita));
        Assert.Contains($"{wita} Expiry:2026-11-05:expiry", await SweepAtAsync(clock, Local("2026-11-05", 8, 0, 8)));
        Assert.Equal("Expired", await StatusAsync(wita));
        Assert.DoesNotContain(await SweepAtAsync(clock, Local("2026-11-06", 8, 0, 8)), f => f.StartsWith(wita));

        foreach (var to in new[] { $"kalapas@{samarinda.InstitutionId[6..]}.go.id", $"ketua@{samarinda.InstitutionId[6..]}.or.id", kanwil })
        {
            var subjects = (await fixture.Mail.ToAsync(to)).Select(m => m["subject"]!.GetValue<string>()).ToList();
            Assert.Equal(["Berakhir dalam 90 hari", "Berakhir dalam 60 hari", "Berakhir dalam 30 hari", "Berakhir dalam 7 hari", "Berakhir hari ini"],
                subjects.Where(s => s.Contains("Berakhir")).Select(s => s["[Sinergi] ".Length..s.IndexOf(':')]));
        }
        var history = await api.GetAsync($"/api/agreements/{wita}/history", await api.AdminTokenAsync());
        Assert.Equal(4, history["events"]!.AsArray().Count(e => e!["type"]!.GetValue<string>() == "RenewalNoticeDue"));
    }

    [Fact]
    public async Task ATerminationWithAFutureDateKeepsTheAgreementActiveTellsEveryoneAndTakesEffectOnItsDay()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(Local("2025-11-05", 10, 0, 8));
        var w = await api.NewWorldAsync("Asia/Makassar");
        var kanwil = await api.AddKanwilAsync(w);
        var ends = await api.ImportAsync(w, "2025-11-05", 12);
        var withdrawn = await api.ImportAsync(w, "2025-11-05", 12);
        await fixture.Storage.WaitForQuietAsync();
        var told = new[] { $"kalapas@{w.InstitutionId[6..]}.go.id", $"ketua@{w.InstitutionId[6..]}.or.id", kanwil };

        foreach (var id in new[] { ends, withdrawn })
        {
            var recorded = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/termination", w.KanwilToken,
                new { reason = "Mitra memindahkan program\nke kabupaten lain", effectiveOn = "2026-03-31" }), HttpStatusCode.OK);
            Assert.Equal("Active", recorded["status"]!.GetValue<string>());
            Assert.Contains("withdrawal", recorded["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));
            Assert.DoesNotContain("renewal", recorded["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>()));
            Assert.Contains(recorded["nextTimers"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "TerminationEffective");
        }
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{withdrawn}/termination/withdrawal", w.KanwilToken,
            new { reason = "Program tetap berjalan di sini" }), HttpStatusCode.OK);
        await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{withdrawn}/termination/withdrawal", w.KanwilToken,
            new { reason = "lagi" }), HttpStatusCode.Conflict);
        await fixture.Storage.WaitForQuietAsync();

        Assert.DoesNotContain($"{ends} TerminationEffective:2026-03-31:termination", await SweepAtAsync(clock, Local("2026-03-31", 7, 59, 8)));
        Assert.Equal("Active", await StatusAsync(ends));
        var fired = await SweepAtAsync(clock, Local("2026-03-31", 8, 0, 8));
        Assert.Contains($"{ends} TerminationEffective:2026-03-31:termination", fired);
        Assert.DoesNotContain(fired, f => f.StartsWith(withdrawn));
        Assert.Equal("Terminated", await StatusAsync(ends));
        Assert.Equal("Active", await StatusAsync(withdrawn));

        foreach (var to in told)
        {
            var subjects = (await fixture.Mail.ToAsync(to)).Select(m => m["subject"]!.GetValue<string>()).ToList();
            Assert.Equal(2, subjects.Count(s => s.StartsWith("[Sinergi] Diakhiri per 31 Maret 2026")));
            Assert.Single(subjects, s => s.StartsWith("[Sinergi] Pengakhiran dibatalkan"));
            Assert.Single(subjects, s => s.StartsWith("[Sinergi] Perjanjian diakhiri"));
        }
        // The reason's line break stays inside its line: no line of the e-mail starts with what followed it.
        var text = (await fixture.Mail.ToAsync(told[0])).Select(m => m["text"]?.GetValue<string>() ?? "").First(t => t.Contains("Alasan:"));
        Assert.DoesNotContain("\nke kabupaten lain", text.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task EvaluationRemindersFallOnTheirDueAndOverdueDays()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(Local("2025-11-05", 10, 0, 8));
        var w = await api.NewWorldAsync();
        var id = await api.ImportAsync(w, "2025-11-05", 24);
        await fixture.Storage.WaitForQuietAsync();

        Assert.DoesNotContain("EvaluationDue:2026-05-05:evaluation 1", await ProcessAtAsync(clock, Local("2026-05-04", 8, 0, 8), id));
        Assert.Contains("EvaluationDue:2026-05-05:evaluation 1", await ProcessAtAsync(clock, Local("2026-05-05", 8, 0, 8), id));
        Assert.DoesNotContain("EvaluationOverdue:2026-05-19:evaluation 1", await ProcessAtAsync(clock, Local("2026-05-19", 7, 59, 8), id));
        Assert.Contains("EvaluationOverdue:2026-05-19:evaluation 1", await ProcessAtAsync(clock, Local("2026-05-19", 8, 0, 8), id));
        var mails = await fixture.Mail.ToAsync($"kalapas@{w.InstitutionId[6..]}.go.id");
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().StartsWith("[Sinergi] Evaluasi ke-1 jatuh tempo"));
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().StartsWith("[Sinergi] Evaluasi ke-1 terlambat"));

        // An evaluation recorded in time stops the reminders for its period.
        var staff = await api.TokenAsync($"staf@{w.InstitutionId[6..]}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff,
            new { periodEnd = "2026-05-19", summary = "Berjalan baik", recommendation = "Continue" }), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync();
        var afterwards = await ProcessAtAsync(clock, Local("2026-11-05", 8, 0, 8), id);
        Assert.Contains("EvaluationDue:2026-11-05:evaluation 2", afterwards);
        Assert.Equal(["EvaluationDue:2026-05-05:evaluation 1", "EvaluationOverdue:2026-05-19:evaluation 1", "EvaluationDue:2026-11-05:evaluation 2"], afterwards);
    }

    [Fact]
    public async Task StepLeftAloneGetsAReminderThenAnEscalation()
    {
        using var clock = new ClockTravel(fixture);
        var start = Local("2026-01-05", 9, 0, 8);
        clock.To(start);
        var w = await api.NewWorldAsync();
        var official = $"kabid@{w.RegionId}.go.id";
        var kanwil = await api.AddKanwilAsync(w, official);
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, new
        {
            steps = new[] { new { role = "Kanwil", name = "Kabid Pembinaan", email = official, daysAllowed = 4 } },
        }), HttpStatusCode.OK);
        await fixture.Mail.WaitForAsync(official);

        Assert.Empty(await ProcessAtAsync(clock, start.AddDays(2).AddMinutes(-1), id));
        Assert.Contains(await ProcessAtAsync(clock, start.AddDays(2).AddMinutes(1), id), n => n.StartsWith("ReviewReminder:"));
        var reminder = await fixture.Mail.WaitForAsync(official, count: 2);
        Assert.StartsWith("[Sinergi] Pengingat, mohon keputusan", reminder["subject"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await new OfficialBrowser(fixture.Factory.CreateClient()).OpenAsync(OfficialBrowser.LinkIn(reminder))).Status);

        Assert.Contains(await ProcessAtAsync(clock, start.AddDays(4).AddMinutes(1), id), n => n.StartsWith("ReviewOverdue:"));
        Assert.StartsWith("[Sinergi] Batas waktu terlewati", (await fixture.Mail.WaitForAsync(official, count: 3))["subject"]!.GetValue<string>());
        Assert.StartsWith("[Sinergi] Reviu terlambat", (await fixture.Mail.WaitForAsync($"kalapas@{w.InstitutionId[6..]}.go.id"))["subject"]!.GetValue<string>());
        Assert.StartsWith("[Sinergi] Reviu terlambat", (await fixture.Mail.WaitForAsync(kanwil))["subject"]!.GetValue<string>());
        Assert.Equal(2, (await ProcessAtAsync(clock, start.AddDays(10), id)).Count);
        Assert.Equal(3, (await fixture.Mail.ToAsync(official)).Count);
    }

    [Fact]
    public async Task SignedRenewalStopsTheOldAgreementsNotices()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(Local("2025-11-05", 10, 0, 8));
        var w = await api.NewWorldAsync();
        var old = await api.ImportAsync(w, "2025-11-05", 12);
        await fixture.Storage.WaitForQuietAsync();

        clock.To(Local("2026-05-10", 10, 0, 8));
        var staff = await api.TokenAsync($"staf@{w.InstitutionId[6..]}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{old}/evaluations", staff,
            new { periodEnd = "2026-05-05", summary = "Layak diperpanjang", recommendation = "Renew" }), HttpStatusCode.OK);
        var renewal = (await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{old}/renewal", staff, new { validityMonths = 24 }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(renewal, staff), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{renewal}/review", staff, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        await Api.Json(await api.DecideAsync(renewal, await api.AdminTokenAsync(), 1, 1, "approve"), HttpStatusCode.OK);
        await Api.Json(await api.SignAsync(renewal, staff, "2026-05-10", effectiveFrom: "2026-11-05"), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync();
        Assert.Equal("Renewed", await StatusAsync(old));

        foreach (var day in new[] { "2026-08-07", "2026-09-06", "2026-10-06", "2026-10-29", "2026-11-05" })
            Assert.DoesNotContain(await SweepAtAsync(clock, Local(day, 8, 0, 8)), f => f.StartsWith(old));
        Assert.Equal("Renewed", await StatusAsync(old));
        Assert.Equal("Active", await StatusAsync(renewal));
        Assert.DoesNotContain(await fixture.Mail.ToAsync($"kalapas@{w.InstitutionId[6..]}.go.id"), m => m["subject"]!.GetValue<string>().Contains("Berakhir"));
    }

    [Fact]
    public async Task TwoSweepsAtOnceFireEachTimerOnce()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(Local("2025-11-05", 10, 0, 8));
        var w = await api.NewWorldAsync();
        var id = await api.ImportAsync(w, "2025-11-05", 12);
        await fixture.Storage.WaitForQuietAsync();
        clock.To(Local("2026-08-07", 8, 0, 8));
        await fixture.Storage.WaitForQuietAsync(seconds: 60);

        var both = await Task.WhenAll(api.SweepAsync(), api.SweepAsync());
        await fixture.Storage.WaitForQuietAsync(seconds: 60);
        var again = await api.SweepAsync();
        Assert.Single(both.SelectMany(f => f).Concat(again), f => f == $"{id} RenewalNotice:2026-08-07:90 days before expiry");
        var history = await api.GetAsync($"/api/agreements/{id}/history", await api.AdminTokenAsync());
        Assert.Single(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "RenewalNoticeDue");
    }
}
