using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Hosting;
using DemoUser = Workflow.Functions.Pages.Views.SignInView.DemoUser;

namespace Workflow.Functions.Pages;

/// <summary>Development and Testing: pick a demo user by role (admin, the Kanwil of each region, the staff of each institution).</summary>
public static class SignInPage
{
    public static bool Available(HttpContext http) =>
        http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevOrTesting()
        && http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens;

    public static async Task<IResult> ShowAsync(HttpContext http, DirectoryStore directory, string? returnUrl, CancellationToken ct)
    {
        if (!Available(http)) return TypedResults.NotFound();
        var p = PageContext.From(http) with { Caller = new Caller("", "", new HashSet<string>(), null, null) };
        var users = await DemoUsersAsync(directory, ct);
        var back = LocalOr(returnUrl, "/app");
        return PageLayout.View<Views.SignInView>(http, new Dictionary<string, object?> { ["Page"] = p, ["Users"] = users, ["ReturnUrl"] = back });
    }

    public static async Task<IResult> SignInAsync(HttpContext http, CancellationToken ct)
    {
        if (!Available(http)) return TypedResults.NotFound();
        var form = await http.Request.ReadFormAsync(ct);
        var v = new Validator();
        var email = v.Email("email", form["email"]);
        var name = v.Line("name", form["name"], 200);
        var role = form["role"].ToString();
        if (!Roles.All.Contains(role)) v.Add("role", "Peran tidak dikenal.");
        var institution = Ids.Optional(v, "institution", form["institution"]);
        var region = Ids.Optional(v, "region", form["region"]);
        v.ThrowIfAny();
        await http.SignInAsync(PageAuth.CookieScheme, PageAuth.Principal("DevSignIn", email, name, [role], institution, region));
        return TypedResults.LocalRedirect(LocalOr(form["returnUrl"], "/app"));
    }

    private static async Task<IReadOnlyList<DemoUser>> DemoUsersAsync(DirectoryStore directory, CancellationToken ct)
    {
        var institutions = await directory.ListInstitutionsAsync(ct);
        var users = new List<DemoUser> { new("admin@sinergi.example", "Admin Sinergi", Roles.Admin, null, null, "Admin (Ditjenpas)") };
        users.AddRange(institutions.Select(i => i.RegionId).Distinct().Order().Select(r =>
            new DemoUser($"kanwil@{r}.example", $"Staf {r}", Roles.Kanwil, null, r, $"Kanwil {r}")));
        users.AddRange(institutions.Where(i => i.Kind != InstitutionKind.Kanwil).OrderBy(i => i.Name).Select(i =>
            new DemoUser($"staf@{i.Id}.example", $"Staf {i.Name}", Roles.Staff, i.Id, i.RegionId, i.Name)));
        return users;
    }

    /// <summary>
    /// Only a path on this site: a sign-in or language link must not send anyone elsewhere. The framework's check
    /// (no scheme, no host, no "//" or "/\\" start, no control character), and no backslash anywhere either.
    /// </summary>
    public static string LocalOr(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && RedirectHttpResult.IsLocalUrl(url) && !url.Contains('\\') ? url : fallback;
}
