using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The iCalendar feeds an institution or a Kanwil subscribes to, read back with Ical.Net as a calendar application would.</summary>
[Collection(SinergiCollection.Name)]
public sealed class CalendarTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private async Task<Ical.Net.Calendar> FeedAsync(string url)
    {
        var response = await fixture.Factory.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task AnInstitutionsFeedHoldsItsDatesWithTheirZone()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync("Asia/Jayapura");
        var active = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(active, w.StaffToken), HttpStatusCode.OK);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{active}/action-plan", w.StaffToken, new
        {
            items = new[] { new { activity = "Pelatihan menjahit", owner = "Kasi Giatja", status = "Planned", dueOn = "2026-03-31" } },
        }), HttpStatusCode.OK);
        var inReview = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(inReview, w.StaffToken), HttpStatusCode.Created);
        var review = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{inReview}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync(active);
        await fixture.Storage.WaitForQuietAsync(inReview);

        var subscription = await Api.Json(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", w.StaffToken, new { institutionId = w.InstitutionId }), HttpStatusCode.Created);
        var calendar = await FeedAsync(subscription["url"]!.GetValue<string>());
        var events = calendar.Events.ToList();

        var expiry = events.Single(e => e.Summary!.StartsWith("Masa berlaku berakhir"));
        Assert.True(expiry.IsAllDay);
        Assert.Equal(new DateOnly(2026, 11, 5), expiry.DtStart!.Date);
        Assert.Equal(new DateOnly(2026, 3, 31), events.Single(e => e.Summary!.StartsWith("Target rencana aksi: Pelatihan menjahit")).DtStart!.Date);
        Assert.Contains(events, e => e.Summary!.StartsWith("Evaluasi jatuh tempo") && e.DtStart!.Date == new DateOnly(2026, 5, 5));
        Assert.Contains(events, e => e.Summary!.StartsWith("Pemberitahuan perpanjangan, 90 hari"));

        // The review deadline is a moment in Jayapura (WIT, UTC+9): five days from the submission.
        var deadline = events.Single(e => e.Summary!.StartsWith("Batas keputusan reviu"));
        Assert.Equal("Asia/Jayapura", deadline.DtStart!.TzId);
        var submitted = review["reviewRounds"]![0]!["submittedAt"]!.GetValue<DateTimeOffset>().AddDays(5).ToOffset(TimeSpan.FromHours(9));
        Assert.Equal(submitted.ToString("yyyy-MM-dd HH:mm:ss"), $"{deadline.DtStart.Date:yyyy-MM-dd} {deadline.DtStart.Time!.Value:HH:mm:ss}");
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Asia/Jayapura");
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task AKanwilSubscribesToItsRegionOnlyAndABadRequestOrLinkIsRefused()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(id, w.StaffToken), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync(id);

        var region = await Api.Json(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", w.KanwilToken, new { regionId = w.RegionId }), HttpStatusCode.Created);
        var calendar = await FeedAsync(region["url"]!.GetValue<string>());
        Assert.Contains(calendar.Events, e => e.Summary!.EndsWith("PKS Pembinaan Kemandirian WBP") && e.Uid!.StartsWith(id));

        var other = await api.NewWorldAsync();
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", other.KanwilToken, new { regionId = w.RegionId }), HttpStatusCode.Forbidden);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", other.StaffToken, new { institutionId = w.InstitutionId }), HttpStatusCode.Forbidden);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", w.StaffToken, new { institutionId = w.InstitutionId, regionId = w.RegionId }), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", w.StaffToken, new { }), HttpStatusCode.BadRequest);
        await Api.Problem(await api.Send(HttpMethod.Post, "/api/calendar/subscriptions", w.StaffToken, new { institutionId = "Bukan Slug!" }), HttpStatusCode.BadRequest);

        var path = new Uri(region["url"]!.GetValue<string>()).AbsolutePath;
        var tampered = await fixture.Factory.CreateClient().GetAsync(path.Replace("/calendar/e", "/calendar/f"));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero).AddDays(731));
        Assert.Equal(HttpStatusCode.Gone, (await fixture.Factory.CreateClient().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task TheDashboardsButtonGivesAStaffMemberTheirInstitutionsFeed()
    {
        var w = await api.NewWorldAsync();
        var staff = await PageSession.StaffAsync(fixture.Factory, w);
        Assert.Contains("action=\"/app/kalender\"", await staff.GetStringAsync("/app"));
        var page = await staff.PostAsync("/app/kalender", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var url = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "http://localhost/calendar/[A-Za-z0-9_.-]+\\.ics").Value;
        Assert.NotEmpty(url);
        Assert.NotNull(await FeedAsync(url));
    }
}
