using Microsoft.Extensions.Localization;
using Workflow.Core;
using Workflow.Functions.Auth;
using static Workflow.Functions.Hosting.Formats;

namespace Workflow.Functions.Pages;

/// <summary>
/// Who is looking, in which language (Bahasa Indonesia unless the person switched to English), and the names the pages
/// give what the domain names in English identifiers, from the resource files (<see cref="Texts"/>).
/// </summary>
public sealed record PageContext(Caller Caller, bool English, string Path, IStringLocalizer<Texts> Texts)
{
    public const string LanguageCookie = "sinergi-bahasa";

    public static PageContext From(HttpContext http) => new(
        http.Caller(),
        http.Request.Cookies[LanguageCookie] == "en",
        http.Request.Path + http.Request.QueryString,
        http.RequestServices.GetRequiredService<IStringLocalizer<Texts>>());

    public string Date(DateOnly? date) => date is null ? "-" : English ? DateEn(date.Value) : DateId(date.Value);

    /// <summary>An instant as the institution reads it, in its zone (WIB, WITA, WIT).</summary>
    public string Instant(DateTimeOffset at, string zone) => English ? LocalEn(at, zone) : LocalId(at, zone);

    /// <summary>The status as the domain names it in its refusals, in the page's language.</summary>
    public string Status(AgreementStatus status) => English ? Agreement.StatusLabelEnglish(status) : Agreement.StatusLabel(status);

    /// <summary>A move (<see cref="Move"/>) as the pages name it.</summary>
    public string MoveName(string move) => Label("Move", move);

    public string Area(ProgramArea area) => Label("Area", area);

    public string Outcome(ReviewRoundOutcome outcome) => Label("Outcome", outcome);

    public string Kind(AgreementKind kind) => Label("Kind", kind);

    public string Decision(ReviewDecision decision) => Label("Decision", decision);

    /// <summary>The label of <c>{group}.{value}</c>; the value itself when the resources have none (a value added later).</summary>
    public string Label<T>(string group, T value) => Texts[$"{group}.{value}"] is { ResourceNotFound: false } text ? text : value?.ToString() ?? "";
}
