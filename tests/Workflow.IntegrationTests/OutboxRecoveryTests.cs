using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Dispatch;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The process "crashes" after the commit and before the dispatch notice: the notice is simply never sent.</summary>
internal sealed class LostNotices : IDispatchNotifier
{
    public int Lost;

    public Task NotifyAsync(string agreementId, CancellationToken ct)
    {
        Interlocked.Increment(ref Lost);
        return Task.CompletedTask;
    }
}

[Collection(SinergiCollection.Name)]
public sealed class OutboxRecoveryTests(SinergiFixture fixture)
{
    [Fact]
    public async Task CrashBetweenCommitAndDispatchIsRecoveredByTheSweep()
    {
        var lost = new LostNotices();
        await using var crashing = new SinergiFactory(fixture.Azurite.ConnectionString,
            services => services.AddSingleton<IDispatchNotifier>(lost),
            new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });
        var api = new Api(crashing.CreateClient());
        var w = await api.NewWorldAsync();

        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        Assert.Equal(1, lost.Lost);
        Assert.NotEmpty(await fixture.Storage.OutboxAsync(id));
        var listed = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Empty(listed["items"]!.AsArray());

        // A sweep soon after the commit leaves the outbox alone: its notice may still be on its way.
        var early = await Api.Json(await api.Send(HttpMethod.Post, "/api/dev/sweep", null), HttpStatusCode.OK);
        Assert.DoesNotContain(id, early["recoveredOutboxes"]!.AsArray().Select(x => x!.GetValue<string>()));

        // Minutes later the sweep finds it; the main app's dispatcher delivers it.
        crashing.Services.GetRequiredService<Workflow.Functions.Hosting.DevClock>().Set(DateTimeOffset.UtcNow.AddMinutes(10));
        var swept = await Api.Json(await api.Send(HttpMethod.Post, "/api/dev/sweep", null), HttpStatusCode.OK);
        Assert.Contains(id, swept["recoveredOutboxes"]!.AsArray().Select(x => x!.GetValue<string>()));

        await fixture.Storage.WaitForQuietAsync(id);
        var after = await fixture.Api().GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(after["items"]!.AsArray())!["id"]!.GetValue<string>());
    }
}
