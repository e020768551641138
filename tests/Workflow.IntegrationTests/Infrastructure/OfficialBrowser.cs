using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>An official with a browser (its own cookies) who follows the link in an email and fills in the form.</summary>
public sealed partial class OfficialBrowser(HttpClient http)
{
    public static string LinkIn(JsonObject email)
    {
        var match = ApprovalLink().Match(email["text"]!.GetValue<string>());
        Assert.True(match.Success, "no approval link in: " + email["text"]);
        return new Uri(match.Value).PathAndQuery;
    }

    public async Task<(HttpStatusCode Status, string Html)> OpenAsync(string path)
    {
        var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the page, then submits the form on it, as a person would.</summary>
    public async Task<(HttpStatusCode Status, string Html)> DecideAsync(string path, string decision, string? comment = null)
    {
        var (status, page) = await OpenAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return await PostAsync(path, AntiforgeryToken(page), decision, comment);
    }

    public async Task<(HttpStatusCode Status, string Html)> PostAsync(string path, string? antiforgery, string decision, string? comment)
    {
        var fields = new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment ?? "" };
        if (antiforgery is not null) fields["__antiforgery"] = antiforgery;
        var response = await http.PostAsync(path, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static string AntiforgeryToken(string page)
    {
        var match = AntiforgeryField().Match(page);
        Assert.True(match.Success, "no antiforgery field on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex(@"http://localhost/approvals/[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(?=\s)")]
    private static partial Regex ApprovalLink();

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
