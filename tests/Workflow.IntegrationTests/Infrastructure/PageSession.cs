using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A browser-like client (its own cookies) signed in to the pages through the development sign-in page.</summary>
public static class PageSession
{
    public static async Task<HttpClient> SignInAsync(
        SinergiFactory factory, string email, string role, string? institution, string? region, bool followRedirects = false)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects });
        var response = await browser.PostAsync("/app/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["name"] = "Pengguna Uji", ["role"] = role, ["institution"] = institution ?? "", ["region"] = region ?? "", ["returnUrl"] = "/app",
        }));
        Assert.Equal(followRedirects ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static Task<HttpClient> StaffAsync(SinergiFactory factory, World w, bool followRedirects = false) =>
        SignInAsync(factory, $"staf@{w.InstitutionId[6..]}.go.id", "staff", w.InstitutionId, w.RegionId, followRedirects);
}
