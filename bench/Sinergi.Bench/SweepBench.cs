using System.Diagnostics;
using Azure.Data.Tables;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Timers;

namespace Sinergi.Bench;

public sealed record SweepResult(int Agreements, int Due, double SweepMs, long StorageRequests, double RawQueryMs, double Ratio);

/// <summary>
/// The sweep with 20 timers due, over 100, 10,000 and 100,000 agreements, each with its next timer ahead (spread over a
/// year). The sweep reads nothing else (no agreements table scan), so the agreements' own rows are not written here: one
/// request per agreement made Azurite, whose upsert slows with the table, take longer than all the rest.
/// The raw figure is one query of the due timers made directly.
/// </summary>
public sealed class SweepBench(BenchApp app, string storage)
{
    private readonly TableClient timers = new(storage, "timers");
    private int added;

    public async Task<IReadOnlyList<SweepResult>> RunAsync(IReadOnlyList<int> sizes)
    {
        var results = new List<SweepResult>();
        foreach (var size in sizes)
        {
            var adding = Stopwatch.StartNew();
            await AddAgreementsAsync(size - added);
            Console.WriteLine($"  {size:N0} agreements' timers written in {adding.Elapsed.TotalSeconds:F0} s");
            var runs = new List<(double Ms, long Requests, double RawMs)>();
            for (var run = 0; run < 5; run++) runs.Add(await SweepOnceAsync($"{size}-{run}"));
            var median = runs.OrderBy(r => r.Ms).ElementAt(runs.Count / 2);
            var raw = runs.Select(r => r.RawMs).Order().ElementAt(runs.Count / 2);
            results.Add(new SweepResult(size, 20, median.Ms, median.Requests, raw, median.Ms / raw));
            Console.WriteLine($"  sweep over {size,7:N0} agreements: {median.Ms,6:F0} ms, {median.Requests} storage requests");
        }
        return results;
    }

    private async Task<(double Ms, long Requests, double RawMs)> SweepOnceAsync(string tag)
    {
        var now = DateTimeOffset.UtcNow;
        // 20 due timers, of agreements that are gone: each costs a lookup and a delete.
        await timers.SubmitTransactionAsync(Enumerable.Range(0, 20).Select(i =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, TimerStore.RenewalNotice($"agr-due-{tag}-{i:D2}", now.AddMinutes(-1)))));

        var rawClock = Stopwatch.StartNew();
        var due = 0;
        await foreach (var _ in timers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {now.UtcDateTime.ToString("yyyyMMdd")} and DueAt le {now}"))) due++;
        var rawMs = rawClock.Elapsed.TotalMilliseconds;
        if (due != 20) throw new InvalidOperationException($"{due} timers due, expected 20");

        var before = app.StorageRequests;
        var clock = Stopwatch.StartNew();
        var result = await app.Services.GetRequiredService<Sweep>().RunAsync(CancellationToken.None);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!result.Ran) throw new InvalidOperationException("The sweep did not run (lease held).");
        return (ms, app.StorageRequests - before, rawMs);
    }

    private async Task AddAgreementsAsync(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(added, count).Select(i => $"agr-sweep-{i:D6}").ToList();
        // Timers of one day share a partition: written in batches of 100.
        var rows = ids.Select((id, i) => TimerStore.RenewalNotice(id, now.AddDays(1 + i % 365).AddMinutes(i % 1440))).ToList();
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(day => day.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, ct) =>
            await timers.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct));
        added += count;
    }
}
