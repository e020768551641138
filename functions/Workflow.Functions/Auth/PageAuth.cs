using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Auth;

/// <summary>
/// Sign-in for the pages. Production: App Service Authentication (Easy Auth) in front of the app signs people in
/// with Entra ID and passes the principal in <c>X-MS-CLIENT-PRINCIPAL</c> (<c>Auth:AppServiceAuthentication</c> = true).
/// Development and Testing: a session cookie set by the sign-in page, which lists the demo users by role.
/// Either way the claims are the API's: email, name, roles, institution, region.
/// </summary>
public static class PageAuth
{
    public const string Scheme = "Pages";
    public const string CookieScheme = "PagesCookie";
    public const string AppServiceScheme = "AppService";
    public const string Policy = "pages";
    public const string SignInPath = "/app/masuk";

    public static IServiceCollection AddSinergiPageAuth(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = "/app/ditolak";
                o.Cookie.Name = "sinergi-sesi";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceScheme, _ => { })
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.AppServiceAuthentication ? AppServiceScheme : CookieScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, AuthSetup.KnownCaller(Scheme));
        return services;
    }

    public static ClaimsPrincipal Principal(string authenticationType, string email, string name, IEnumerable<string> roles, string? institution, string? region)
    {
        var claims = new List<Claim> { new("email", email), new("name", name) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (!string.IsNullOrEmpty(institution)) claims.Add(new Claim("institution", institution));
        if (!string.IsNullOrEmpty(region)) claims.Add(new Claim("region", region));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, "name", "roles"));
    }
}

/// <summary>Reads the principal that App Service Authentication puts in front of every request it let through.</summary>
public sealed class AppServiceAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private sealed record PrincipalClaim(string Typ, string Val);
    private sealed record ClientPrincipal(string? Auth_typ, IReadOnlyList<PrincipalClaim>? Claims);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString();
        if (header.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        ClientPrincipal? principal;
        try { principal = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(header), new JsonSerializerOptions { PropertyNameCaseInsensitive = true }); }
        catch (Exception e) when (e is FormatException or JsonException) { return Task.FromResult(AuthenticateResult.Fail("X-MS-CLIENT-PRINCIPAL is not readable.")); }
        var claims = principal?.Claims ?? [];
        string? First(params string[] types) => claims.FirstOrDefault(c => types.Contains(c.Typ, StringComparer.OrdinalIgnoreCase))?.Val;
        var email = First("email", "preferred_username", ClaimTypes.Email, ClaimTypes.Upn);
        if (string.IsNullOrEmpty(email)) return Task.FromResult(AuthenticateResult.Fail("The signed-in principal has no email."));
        var user = PageAuth.Principal(AppServiceAuthenticationDefaults.Type, email.ToLowerInvariant(), First("name", ClaimTypes.Name) ?? email,
            claims.Where(c => c.Typ is "roles" or ClaimTypes.Role).Select(c => c.Val), First("institution", "extn.institution"), First("region", "extn.region"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Redirect($"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(Request.Path + Request.QueryString)}");
        return Task.CompletedTask;
    }

    /// <summary>Signed in, but with no role Sinergi knows (or not this page's): the "no access" page, as the cookie sign-in does.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Redirect("/app/ditolak");
        return Task.CompletedTask;
    }
}

public static class AppServiceAuthenticationDefaults
{
    public const string Type = "AppServiceAuthentication";
}
