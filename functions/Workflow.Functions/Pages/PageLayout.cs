using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflow.Functions.Pages;

/// <summary>Every signed-in page in its frame (<see cref="Views.PageFrame"/>), with the headers that keep it to itself.</summary>
public static class PageLayout
{
    public static IResult Page(HttpContext http, PageContext p, string title, string body, int status = 200)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return new RazorComponentResult<Views.PageFrame>(new Dictionary<string, object?>
        {
            [nameof(Views.PageFrame.Page)] = p, [nameof(Views.PageFrame.Title)] = title, [nameof(Views.PageFrame.Body)] = new MarkupString(body),
        })
        { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }
}
