using Microsoft.AspNetCore.Authentication;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Pages;

/// <summary>The staff and Kanwil pages under /app. Server-rendered, no script; the same scoping as the API.</summary>
public static class PagesEndpoints
{
    public const string RootRoute = "{root:maxlength(0)?}";

    public static IEndpointRouteBuilder MapSinergiPages(this IEndpointRouteBuilder app)
    {
        // The site's root leads to the pages: the dashboard, or the sign-in page first. (The route matches only "/": the
        // Functions host allows no empty route, and this one is the same in both hostings.)
        app.MapGet(RootRoute, () => TypedResults.LocalRedirect("/app")).ExcludeFromDescription().AllowAnonymous();
        var open = app.MapGroup("/app").ExcludeFromDescription().AllowAnonymous();
        open.MapGet("/masuk", (HttpContext http, Directory.DirectoryStore directory, string? returnUrl, CancellationToken ct) => SignInPage.ShowAsync(http, directory, returnUrl, ct));
        open.MapPost("/masuk", (HttpContext http, CancellationToken ct) => Guard(http, () => SignInPage.SignInAsync(http, ct)))
            .DisableAntiforgery().WithBodyLimit(BodyLimit.Json);
        open.MapPost("/keluar", (HttpContext http, CancellationToken _) => Guard(http, async () =>
        {
            await http.SignOutAsync(PageAuth.CookieScheme);
            return (IResult)TypedResults.LocalRedirect("/app");
        })).DisableAntiforgery().WithBodyLimit(BodyLimit.Json);
        open.MapGet("/bahasa", (HttpContext http, string? l, string? kembali) =>
        {
            http.Response.Cookies.Append(PageContext.LanguageCookie, l == "en" ? "en" : "id",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return TypedResults.LocalRedirect(SignInPage.LocalOr(kembali, "/app"));
        });

        var pages = app.MapGroup("/app").ExcludeFromDescription().RequireAuthorization(PageAuth.Policy);
        pages.MapGet("", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => DashboardPage.ShowAsync(http, s, ct)));
        pages.MapGet("/perjanjian", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => AgreementListPage.ShowAsync(http, s, ct)));
        pages.MapGet("/monev", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => LateItemsPage.ShowAsync(http, s, ct)));
        pages.MapPost("/kalender", (HttpContext http, Approvals.SignedTokens tokens, PageServices s, CancellationToken ct) =>
            Guard(http, () => Calendar.CalendarFeeds.SubscribePageAsync(http, tokens, s.Directory, s.Clock, ct))).WithBodyLimit(BodyLimit.Form);
        pages.MapGet("/perjanjian/baru", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => NewAgreementPage.ShowAsync(http, s, ct)));
        pages.MapPost("/perjanjian/baru", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => NewAgreementPage.CreateAsync(http, s, ct)))
            .DisableAntiforgery().WithBodyLimit(BodyLimit.Form);
        pages.MapGet("/perjanjian/{id}", (string id, HttpContext http, PageServices s, CancellationToken ct) =>
            Guard(http, () => AgreementPage.ShowAsync(id, http, s, ct)));
        // One route a form (so each is an HTTP function of its own); those that carry a file take the document limit.
        foreach (var action in AgreementFormHandlers.UploadForms)
            pages.MapPost($"/perjanjian/{{id}}/{action}", (string id, HttpContext http, PageServices s, CancellationToken ct) =>
                Guard(http, () => AgreementFormHandlers.HandleAsync(id, action, http, s, ct))).DisableAntiforgery().WithUploadLimit(app);
        foreach (var action in AgreementFormHandlers.Forms)
            pages.MapPost($"/perjanjian/{{id}}/{action}", (string id, HttpContext http, PageServices s, CancellationToken ct) =>
                Guard(http, () => AgreementFormHandlers.HandleAsync(id, action, http, s, ct))).DisableAntiforgery().WithBodyLimit(BodyLimit.Form);
        pages.MapGet("/perjanjian/{id}/dokumen/{documentId}", (string id, string documentId, HttpContext http, AgreementStore s, DocumentStore docs, CancellationToken ct) =>
            Guard(http, async () =>
            {
                var stored = await s.GetAsync(Ids.Route(id), ct);
                http.Caller().EnsureCanRead(stored.Agreement);
                return (IResult)await AgreementDocuments.DownloadAsync(http, stored, documentId, s, docs, ct);
            }));
        pages.MapGet("/penandatanganan", (HttpContext http, PageServices s, CancellationToken ct) => Guard(http, () => SigningEventPage.ShowAsync(http, s, ct)));
        pages.MapPost("/penandatanganan", (HttpContext http, PageServices s, DocumentStore docs, CancellationToken ct) =>
            Guard(http, () => SigningEventPage.SignAsync(http, s, docs, ct))).DisableAntiforgery().WithUploadLimit(app);
        pages.MapGet("/laporan", (HttpContext http) => Reports.ReportsPage.Show(http));
        pages.MapGet("/laporan/{file}", (string file, HttpContext http, PageServices s, CancellationToken ct) =>
            Path.GetExtension(file) is ".csv" or ".xlsx"
                ? Guard(http, () => Reports.ReportsPage.ExportAsync(http, s, Path.GetFileNameWithoutExtension(file), Path.GetExtension(file)[1..], ct))
                : Task.FromResult<IResult>(TypedResults.NotFound()));
        open.MapGet("/ditolak", (HttpContext http) => Message(http, 403, "NoRole"));
        return app;
    }

    /// <summary>
    /// A page's failures become pages (not problem JSON): 400, 403, 404. A POST from another site is refused:
    /// the session cookie is SameSite=Strict, and the Origin, when the browser sends one, must be this site.
    /// </summary>
    private static async Task<IResult> Guard(HttpContext http, Func<Task<IResult>> page)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.Origin is { Count: > 0 } origin
            && !(Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var from) && from.Authority == http.Request.Host.Value))
            return Message(http, 403, "OtherSite");
        try { return await page(); }
        catch (ForbiddenException e) { return Message(http, 403, "Forbidden", e.Message); }
        catch (NotFoundException e) { return Message(http, 404, "NotFound", e.Message); }
        catch (DomainValidationException e) { return Message(http, 400, "Invalid", string.Join(" ", e.Errors.SelectMany(x => x.Value))); }
        // A form the framework cannot read: too many fields, a field too long, a body over the limit, a broken encoding.
        catch (InvalidDataException) { return Message(http, 400, "Unreadable"); }
        catch (BadHttpRequestException e) { return Message(http, e.StatusCode, "Unreadable"); }
    }

    /// <summary>
    /// A page saying why: <c>Message.{name}.Title</c> and <c>.Text</c>. The refusal's own message (in Bahasa Indonesia,
    /// naming the agreement or the field) stands in for the text on the Indonesian page.
    /// </summary>
    private static IResult Message(HttpContext http, int status, string name, string? detail = null)
    {
        var p = PageContext.From(http);
        var text = detail is not null && !p.English ? detail : p.Texts[$"Message.{name}.Text"];
        return PageLayout.View<Views.MessageView>(http, new Dictionary<string, object?> { ["Page"] = p, ["Title"] = p.Texts[$"Message.{name}.Title"].Value, ["Text"] = text }, status);
    }
}
