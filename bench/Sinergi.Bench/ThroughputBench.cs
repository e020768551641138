using System.Diagnostics;
using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Sinergi.Bench;

/// <param name="AppCpuMsPerCommand">CPU of this process (HTTP client and app) per command; Azurite's beside it.</param>
public sealed record ThroughputResult(
    int Clients, int Commands, double AppPerSecond, double RawPerSecond, double Ratio,
    double AppP50Ms, double AppP99Ms, double RawP50Ms, double RawP99Ms, int EntitiesPerTransaction,
    double AppCpuMsPerCommand, double AppAzuriteCpuMsPerCommand, double RawCpuMsPerTransaction, double RawAzuriteCpuMsPerTransaction,
    double AppStorageRequestsPerCommand);

/// <summary>
/// A command that writes state, event and outbox (an action plan update on an active agreement, each client on its own)
/// through HTTP, against as many raw entity group transactions of the same rows made directly with Azure.Data.Tables.
/// </summary>
public sealed class ThroughputBench(BenchApp app, string storage)
{
    private readonly CpuMeter cpu = new(storage);

    public async Task<IReadOnlyList<ThroughputResult>> RunAsync(IReadOnlyList<(int Clients, int Commands)> levels)
    {
        using var client = new BenchClient(app.Url);
        var world = await client.NewWorldAsync();
        var clients = levels.Max(l => l.Clients);
        var agreements = new List<string>();
        for (var i = 0; i < clients; i++) agreements.Add(await client.ImportAsync(world, "2026-06-01"));

        // Warm up both paths: JIT, connections, Azurite's tables.
        await AppAsync(client, world, agreements.Take(4).ToList(), 40, new Latencies());
        var rows = await SampleRowsAsync(agreements[0]);
        await RawAsync(rows, 4, 40, "warm", new Latencies());

        var results = new List<ThroughputResult>();
        foreach (var (n, commands) in levels)
        {
            // App and raw take turns, twice each, so that a machine that slows down or speeds up meanwhile affects both alike.
            Latencies appLatency = new(), rawLatency = new();
            double appSeconds = 0, rawSeconds = 0, appSelf = 0, appAzurite = 0, rawSelf = 0, rawAzurite = 0;
            long appRequests = 0;
            for (var turn = 0; turn < 2; turn++)
            {
                cpu.Start();
                var before = app.StorageRequests;
                appSeconds += await AppAsync(client, world, agreements.Take(n).ToList(), commands / 2, appLatency);
                appRequests += app.StorageRequests - before;
                var (self, azurite) = cpu.Stop();
                (appSelf, appAzurite) = (appSelf + self, appAzurite + azurite);
                cpu.Start();
                rawSeconds += await RawAsync(rows, n, commands / 2, $"c{n}-{turn}", rawLatency);
                (self, azurite) = cpu.Stop();
                (rawSelf, rawAzurite) = (rawSelf + self, rawAzurite + azurite);
            }
            var (appRate, rawRate) = (commands / appSeconds, commands / rawSeconds);
            var requests = appRequests / (double)commands;
            results.Add(new ThroughputResult(n, commands, appRate, rawRate, appRate / rawRate,
                appLatency.P50, appLatency.P99, rawLatency.P50, rawLatency.P99, rows.Count,
                appSelf * 1000 / commands, appAzurite * 1000 / commands, rawSelf * 1000 / commands, rawAzurite * 1000 / commands, requests));
            Console.WriteLine($"  throughput {n,2} clients: app {appRate,7:F0}/s, {requests:F2} storage requests each (CPU per command {appSelf * 1000 / commands:F2} ms here, {appAzurite * 1000 / commands:F2} ms Azurite), " +
                $"raw {rawRate,7:F0}/s ({rawSelf * 1000 / commands:F2} ms here, {rawAzurite * 1000 / commands:F2} ms Azurite)");
        }
        return results;
    }

    /// <summary>Answers the seconds it took.</summary>
    private static async Task<double> AppAsync(BenchClient client, World world, IReadOnlyList<string> agreements, int commands, Latencies latency)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(agreements.Select(id => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < commands)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(HttpMethod.Put, $"/api/agreements/{id}/action-plan", world.StaffToken, BenchClient.ActionPlan(next));
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"action plan: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The rows the app's last command wrote: its event, its outbox rows and the state.</summary>
    private async Task<IReadOnlyList<TableEntity>> SampleRowsAsync(string agreementId)
    {
        var table = new TableClient(storage, "agreements");
        var all = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == agreementId)) all.Add(row);
        var state = all.Single(r => r.RowKey == "state");
        var lastEvent = all.Where(r => r.RowKey.StartsWith("e-")).MaxBy(r => r.RowKey)!;
        var seq = lastEvent.RowKey[2..];
        var outbox = all.Where(r => r.RowKey.StartsWith($"o-{seq}-")).ToList();
        if (outbox.Count == 0) throw new InvalidOperationException("The app's outbox rows were not found; the dispatcher must be off for this phase.");
        return [lastEvent, .. outbox, state];
    }

    /// <summary>Each client its own partition, as each app client has its own agreement: add event and outbox, replace state If-Match.</summary>
    private async Task<double> RawAsync(IReadOnlyList<TableEntity> sample, int clients, int commands, string tag, Latencies latency)
    {
        var table = new TableClient(storage, "rawbench");
        await table.CreateIfNotExistsAsync();
        var partitions = new List<(string Partition, ETag ETag)>();
        for (var i = 0; i < clients; i++)
        {
            var partition = $"raw-{tag}-{i}";
            var state = Copy(sample[^1], partition, "state");
            partitions.Add((partition, (await table.AddEntityAsync(state)).Headers.ETag!.Value));
        }

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(partitions.Select(p => Task.Run(async () =>
        {
            var etag = p.ETag;
            var seq = 0;
            while (Interlocked.Increment(ref next) < commands)
            {
                seq++;
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Copy(sample[0], p.Partition, $"e-{seq:D10}")) };
                for (var n = 1; n < sample.Count - 1; n++)
                    actions.Add(new(TableTransactionActionType.Add, Copy(sample[n], p.Partition, $"o-{seq:D10}-{n:D2}")));
                actions.Add(new(TableTransactionActionType.UpdateReplace, Copy(sample[^1], p.Partition, "state"), etag));
                var started = Stopwatch.GetTimestamp();
                var response = await table.SubmitTransactionAsync(actions);
                latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                etag = response.Value[^1].Headers.ETag!.Value;
            }
        })));
        return clock.Elapsed.TotalSeconds;
    }

    private static TableEntity Copy(TableEntity row, string partition, string rowKey)
    {
        var copy = new TableEntity(partition, rowKey);
        foreach (var (key, value) in row)
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[key] = value;
        return copy;
    }
}
