namespace Workflow.Functions.Approvals;

/// <summary>Pages opened by a link that carries its token in the URL (approval links, the partner's link).</summary>
public static class LinkPageHeaders
{
    /// <summary>Keeps the token out of caches, referrers and frames; the page runs no script and loads nothing else.</summary>
    public static void Protect(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}
