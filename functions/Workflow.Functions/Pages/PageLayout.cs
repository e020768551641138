using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflow.Functions.Pages;

/// <summary>Every signed-in page in its frame (<see cref="Views.PageFrame"/>), with the headers that keep it to itself.</summary>
public static class PageLayout
{
    /// <summary>A page: a component that puts itself in the frame.</summary>
    public static IResult View<TComponent>(HttpContext http, IReadOnlyDictionary<string, object?> parameters, int status = 200) where TComponent : IComponent
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return new RazorComponentResult<TComponent>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }
}
