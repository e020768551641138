using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class ListPagingTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task TheApiListPagesWithAContinuationTokenUntilItIsNull()
    {
        var w = await api.NewWorldAsync();
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add((await api.CreateAsync(w))["id"]!.GetValue<string>());
        await fixture.Storage.WaitForQuietAsync();

        var seen = new List<int>();
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}&pageSize=3" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}"), w.StaffToken);
            seen.Add(page["items"]!.AsArray().Count);
            ids.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal([3, 3, 1], seen);
        Assert.Equal(created.Order(), ids.Order());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=sepuluh", "pageSize")]
    [InlineData("continuationToken=bukan-token", "continuationToken")]
    public async Task ABadPageSizeOrTokenIsA400NamingTheField(string query, string field)
    {
        var w = await api.NewWorldAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Get, $"/api/agreements?institutionId={w.InstitutionId}&{query}", w.StaffToken), HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
    }
}
