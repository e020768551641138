using Workflow.Functions.Agreements;

namespace Workflow.Functions.Pages;

/// <summary>The agreements in the caller's scope, filtered, searched and paged; filters are a plain GET form.</summary>
public static class AgreementListPage
{
    public const int PageSize = 25;

    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct)
    {
        var query = AgreementListQuery.From(http);
        var look = await AgreementListQuery.Lookups.ReadAsync(s, ct);
        var window = new ListWindow(PageSize, ListPosition.Parse(http.Request.Query["continuationToken"]));
        await foreach (var row in query.MatchesAsync(s, look, ct)) window.Add(row);
        return PageLayout.View<Views.AgreementListView>(http, new Dictionary<string, object?>
        {
            ["Page"] = PageContext.From(http), ["Query"] = query, ["Lookups"] = look, ["Window"] = window, ["Size"] = PageSize,
            ["Filters"] = http.Request.Query.Select(x => new KeyValuePair<string, string>(x.Key, x.Value.ToString())).ToList(),
        });
    }
}
