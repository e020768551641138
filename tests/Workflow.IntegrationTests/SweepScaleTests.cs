using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;
using Workflow.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>
/// The sweep's cost follows what is due, not how many agreements have timers: counted in storage requests
/// (the benchmark times it). Its own Azurite, and no background loops, so only the sweep talks to storage.
/// </summary>
public sealed class SweepScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IsolatedApp app = null!;
    private TableClient timers = null!;
    private SinergiFactory factory => app.Factory;

    public async Task InitializeAsync()
    {
        app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });
        timers = new TableServiceClient(app.Azurite.ConnectionString).GetTableClient(StorageClients.TimersTable);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task SweepOverTenThousandAgreementsReadsAboutAsMuchAsOverOneHundred()
    {
        var now = DateTimeOffset.UtcNow;
        await AddFutureTimersAsync(0, 100, now);
        var small = await SweepRequestsAsync(now, "small");

        await AddFutureTimersAsync(100, 9_900, now);
        var large = await SweepRequestsAsync(now, "large");

        output.WriteLine($"storage requests of a sweep with 20 due: {small} with 100 agreements, {large} with 10,000");
        // The 20 due timers cost the same in both; the 9,900 more timers ahead must cost (almost) nothing.
        Assert.True(large <= small + 2, $"sweep with 10,000 agreements made {large} storage requests, with 100 made {small}");
        Assert.True(small < 20 * 4 + 20, $"sweep of 20 due timers made {small} storage requests");
    }

    private async Task<long> SweepRequestsAsync(DateTimeOffset now, string tag)
    {
        // 20 due timers (for agreements that no longer exist: each costs a lookup and a delete).
        await Batch(Enumerable.Range(0, 20).Select(i => TimerStore.RenewalNotice($"due-{tag}-{i}", now.AddMinutes(-1))));
        Assert.Equal(20, await DueCountAsync(now));
        var counter = factory.Services.GetRequiredService<StorageRequestCounter>();
        var before = counter.Count;
        var response = await factory.CreateClient().PostAsync("/api/dev/sweep", null);
        response.EnsureSuccessStatusCode();
        var used = counter.Count - before;
        Assert.Equal(0, await DueCountAsync(now));
        return used;
    }

    private async Task<int> DueCountAsync(DateTimeOffset now)
    {
        var due = 0;
        await foreach (var _ in timers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {now.UtcDateTime.ToString("yyyyMMdd")} and DueAt le {now}"))) due++;
        return due;
    }

    private async Task AddFutureTimersAsync(int first, int count, DateTimeOffset now)
    {
        // One timer per agreement, spread over the next year: 10,000 agreements' worth of timers ahead.
        var rows = Enumerable.Range(first, count).Select(i => TimerStore.RenewalNotice($"agr-ahead-{i:D6}", now.AddDays(1 + i % 365).AddMinutes(i % 1440)));
        foreach (var day in rows.GroupBy(r => r.PartitionKey))
            foreach (var chunk in day.Chunk(100)) await Batch(chunk);
    }

    private async Task Batch(IEnumerable<TableEntity> rows)
    {
        foreach (var day in rows.GroupBy(r => r.PartitionKey))
            await timers.SubmitTransactionAsync(day.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)));
    }
}
