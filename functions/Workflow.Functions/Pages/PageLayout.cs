using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>The frame of every signed-in page: header, navigation, language switch. CSS from the app itself; no script.</summary>
public static class PageLayout
{
    public static IResult Page(HttpContext http, PageContext p, string title, string body, int status = 200)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        var switchTo = p.English ? ("id", "Bahasa Indonesia") : ("en", "English");
        var who = p.Caller.Email.Length == 0 ? "" : $"""
            <span class="who">{E(p.Caller.Name)} · {E(string.Join(", ", p.Caller.Roles))}</span>
            <form method="post" action="/app/keluar" class="inline"><button type="submit" class="link">{E(p.T("Keluar", "Sign out"))}</button></form>
            """;
        var html = $"""
            <!DOCTYPE html>
            <html lang="{(p.English ? "en" : "id")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} — Sinergi</title>
            <link rel="stylesheet" href="/assets/site.css">
            </head>
            <body>
            <header>
              <a class="brand" href="/app">Sinergi</a>
              <nav>
                <a href="/app">{E(p.T("Dasbor", "Dashboard"))}</a>
                <a href="/app/perjanjian">{E(p.T("Perjanjian", "Agreements"))}</a>
                <a href="/app/perjanjian/baru">{E(p.T("Baru", "New"))}</a>
                <a href="/app/penandatanganan">{E(p.T("Penandatanganan", "Signing event"))}</a>
                <a href="/app/laporan">{E(p.T("Laporan", "Reports"))}</a>
              </nav>
              <div class="account">
                <a href="/app/bahasa?l={switchTo.Item1}&amp;kembali={Uri.EscapeDataString(p.Path)}" lang="{switchTo.Item1}">{E(switchTo.Item2)}</a>
                {who}
              </div>
            </header>
            <main>
            <h1>{E(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
