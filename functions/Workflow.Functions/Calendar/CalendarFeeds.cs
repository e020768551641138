using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Approvals;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Hosting;
using static Workflow.Functions.Pages.Bilingual;

namespace Workflow.Functions.Calendar;

/// <summary>What a calendar link grants: the dates of one institution's agreements, or of a region's.</summary>
public sealed record CalendarGrant(string? InstitutionId, string? RegionId, DateTimeOffset ExpiresAt) : IExpiringGrant;

/// <summary><c>POST /api/calendar/subscriptions</c>: one of the two.</summary>
public sealed record CalendarSubscriptionRequest(
    [property: System.ComponentModel.DataAnnotations.RegularExpression(Ids.SlugPattern)] string? InstitutionId = null,
    [property: System.ComponentModel.DataAnnotations.RegularExpression(Ids.SlugPattern)] string? RegionId = null);

public sealed record CalendarSubscriptionResponse(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// iCalendar feeds a calendar application subscribes to (a signed URL, no account): for an institution or a Kanwil's
/// region, the review deadlines, evaluations due, renewal notice days, expiries and action-plan targets of its agreements.
/// Dates are whole days; a review deadline is a moment, in the institution's time zone (with its VTIMEZONE).
/// </summary>
public static class CalendarFeeds
{
    private const string Purpose = "calendar";
    public const int LifetimeDays = 730;

    /// <summary>The timers a calendar shows, of those an agreement keeps.</summary>
    private static readonly TimerKind[] Shown = [TimerKind.ReviewOverdue, TimerKind.EvaluationDue, TimerKind.RenewalNotice, TimerKind.Expiry, TimerKind.TerminationEffective];

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/calendar/subscriptions", Subscribe).RequireAuthorization().WithTags("Calendar").WithBodyLimit(BodyLimit.Json)
            .Accepts<CalendarSubscriptionRequest>("application/json").Produces<CalendarSubscriptionResponse>(201).ProducesValidationProblem().ProducesProblem(404)
            .WithName("subscribeCalendar").WithSummary("A signed iCalendar feed URL for an institution's or a region's agreement dates");
        app.MapGet("/calendar/{file}", Feed).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Created<CalendarSubscriptionResponse>> Subscribe(HttpContext http, SignedTokens tokens, DirectoryStore directory, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        EnsureMaySubscribe(caller);
        var subscription = await SubscribeAsync(caller, await JsonBody.ReadAsync<CalendarSubscriptionRequest>(http.Request, ct), tokens, directory, clock, ct);
        return TypedResults.Created(subscription.Url, subscription);
    }

    public static void EnsureMaySubscribe(Caller caller)
    {
        if (!caller.IsAdmin && !caller.Roles.Contains(Roles.Staff) && !caller.Roles.Contains(Roles.Kanwil))
            throw new ForbiddenException("Hanya staf lembaga, Kanwil atau admin yang dapat berlangganan kalender.");
    }

    /// <summary>The command behind the API and the dashboard's button: a feed URL for an institution the caller reads, or the caller's region.</summary>
    public static async Task<CalendarSubscriptionResponse> SubscribeAsync(
        Caller caller, CalendarSubscriptionRequest body, SignedTokens tokens, DirectoryStore directory, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        if ((body.InstitutionId is null) == (body.RegionId is null)) v.Add("institutionId", "Isi salah satu: institutionId atau regionId.");
        else if (body.InstitutionId is not null) Ids.Check(v, "institutionId", body.InstitutionId);
        else Ids.Check(v, "regionId", body.RegionId);
        v.ThrowIfAny();
        var institutions = await directory.ListInstitutionsAsync(ct);
        if (body.InstitutionId is { } institutionId)
        {
            var institution = institutions.FirstOrDefault(i => i.Id == institutionId) ?? throw new NotFoundException($"Lembaga '{institutionId}' tidak ditemukan.");
            if (!caller.CanRead(institution.Id, institution.RegionId)) throw new ForbiddenException("Kalender lembaga lain tidak dapat Anda langgani.");
        }
        else
        {
            if (!institutions.Any(i => i.RegionId == body.RegionId)) throw new NotFoundException($"Wilayah '{body.RegionId}' tidak memiliki lembaga.");
            if (!caller.IsAdmin && !(caller.Roles.Contains(Roles.Kanwil) && caller.RegionId == body.RegionId))
                throw new ForbiddenException("Kalender wilayah hanya untuk Kanwil wilayah itu atau admin.");
        }
        var expires = clock.GetUtcNow().AddDays(LifetimeDays);
        var token = tokens.Issue(Purpose, new CalendarGrant(body.InstitutionId, body.RegionId, expires));
        return new CalendarSubscriptionResponse(tokens.Link($"calendar/{token}.ics").AbsoluteUri, expires);
    }

    /// <summary>The dashboard's button: the caller's own institution (staff) or region (Kanwil).</summary>
    public static async Task<IResult> SubscribePageAsync(HttpContext http, SignedTokens tokens, DirectoryStore directory, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        EnsureMaySubscribe(caller);
        var request = caller.Roles.Contains(Roles.Kanwil) && caller.RegionId is { } region ? new CalendarSubscriptionRequest(RegionId: region)
            : caller.InstitutionId is { } institution ? new CalendarSubscriptionRequest(InstitutionId: institution)
            : throw DomainValidationException.For("institutionId", "Akun Anda tidak terikat pada satu lembaga atau wilayah; buat langganan melalui API dengan institutionId atau regionId.");
        var subscription = await SubscribeAsync(caller, request, tokens, directory, clock, ct);
        var p = Pages.PageContext.From(http);
        return Pages.PageLayout.View<Pages.Views.MessageView>(http, new Dictionary<string, object?>
        {
            ["Page"] = p, ["Title"] = p.Texts["Calendar.Title"].Value,
            ["Text"] = p.Texts["Calendar.Url", subscription.Url, p.Date(DateOnly.FromDateTime(subscription.ExpiresAt.UtcDateTime))].Value,
        });
    }

    private static async Task<IResult> Feed(string file, SignedTokens tokens, AgreementQueries queries, AgreementStore store, DirectoryStore directory,
        NoticePolicy policy, TimeProvider clock, CancellationToken ct)
    {
        if (!file.EndsWith(".ics", StringComparison.Ordinal)) return TypedResults.NotFound();
        var (check, grant) = tokens.Verify<CalendarGrant>(Purpose, file[..^".ics".Length]);
        if (check != TokenCheck.Valid)
            return TypedResults.Text(check == TokenCheck.Expired ? "Tautan kalender kedaluwarsa; minta yang baru." : "Tautan kalender tidak sah.", "text/plain; charset=utf-8", statusCode: check == TokenCheck.Expired ? 410 : 400);

        var now = clock.GetUtcNow();
        var zones = (await directory.ListInstitutionsAsync(ct)).ToDictionary(i => i.Id, i => i.TimeZone);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Sinergi//Kalender Perjanjian//ID" };
        calendar.AddProperty("X-WR-CALNAME", $"Sinergi — {grant!.InstitutionId ?? grant.RegionId}");
        var filter = new AgreementFilter(grant.InstitutionId, null, grant.RegionId, null, null);
        await foreach (var summary in queries.AllAsync(filter, ct))
        {
            if (summary.Status is not (AgreementStatus.InReview or AgreementStatus.Approved or AgreementStatus.Active)) continue;
            var a = (await store.GetAsync(summary.Id, ct)).Agreement;
            var zone = zones.GetValueOrDefault(a.InstitutionId, "Asia/Jakarta");
            foreach (var timer in a.UpcomingTimers(now, policy).Where(t => Shown.Contains(t.Kind)))
                calendar.Events.Add(timer.Kind == TimerKind.ReviewOverdue
                    ? At(a, timer, zone)
                    : Day(a, $"{timer.Kind}-{timer.DueOn:yyyyMMdd}", timer.DueOn, $"{TimerText(a, timer)}: {a.Title}"));
            foreach (var item in a.ActionPlan.Where(i => i.DueOn is { } due && due >= a.Today(now) && i.Status is not (ActionItemStatus.Done or ActionItemStatus.Cancelled)))
                calendar.Events.Add(Day(a, $"item-{item.Id}", item.DueOn!.Value, $"{Id("Calendar.ItemDue")}: {item.Activity} — {a.Title}"));
        }
        foreach (var zone in calendar.Events.Select(e => e.DtStart?.TzId).OfType<string>().Distinct().ToList()) calendar.AddTimeZone(zone);
        return TypedResults.Text(new CalendarSerializer().SerializeToString(calendar) ?? "", "text/calendar; charset=utf-8");
    }

    private static CalendarEvent Day(Agreement a, string what, DateOnly day, string summary) => new()
    {
        Uid = $"{a.Id}-{what}@sinergi", Summary = summary, DtStart = new CalDateTime(day), DtEnd = new CalDateTime(day.AddDays(1)),
        Description = a.Title,
    };

    /// <summary>A review step's deadline: the moment, in the institution's time zone.</summary>
    private static CalendarEvent At(Agreement a, ScheduledTimer timer, string zone)
    {
        var local = TimeZoneInfo.ConvertTime(timer.DueAt, TimeZoneInfo.FindSystemTimeZoneById(zone));
        var start = new CalDateTime(DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime), zone);
        return new CalendarEvent
        {
            Uid = $"{a.Id}-review-{timer.DueAt:yyyyMMddHHmm}@sinergi", Summary = $"{Id("Calendar.ReviewDeadline")}: {a.Title}", DtStart = start,
            Duration = Ical.Net.DataTypes.Duration.FromHours(1), Description = a.Title,
        };
    }

    private static string TimerText(Agreement a, ScheduledTimer t) => t.Kind switch
    {
        TimerKind.EvaluationDue => Id("Calendar.EvaluationDue"),
        TimerKind.RenewalNotice => Id("Calendar.RenewalNotice", a.ExpiresOn!.Value.DayNumber - t.DueOn.DayNumber),
        TimerKind.TerminationEffective => Id("Timer.TerminationEffective"),
        _ => Id("Timer.Expiry"),
    };
}
