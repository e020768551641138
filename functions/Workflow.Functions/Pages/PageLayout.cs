using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflow.Functions.Pages;

/// <summary>Every signed-in page in its frame (<see cref="Views.PageFrame"/>), with the headers that keep it to itself.</summary>
public static class PageLayout
{
    /// <summary>A page still written as HTML (every value through <c>Html.E</c>), in the frame.</summary>
    public static IResult Page(HttpContext http, PageContext p, string title, string body, int status = 200) =>
        View<Views.PageFrame>(http, new Dictionary<string, object?>
        {
            [nameof(Views.PageFrame.Page)] = p, [nameof(Views.PageFrame.Title)] = title, [nameof(Views.PageFrame.Body)] = new MarkupString(body),
        }, status);

    /// <summary>A page written as a component (which puts itself in the frame).</summary>
    public static IResult View<TComponent>(HttpContext http, IReadOnlyDictionary<string, object?> parameters, int status = 200) where TComponent : IComponent
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return new RazorComponentResult<TComponent>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }
}
