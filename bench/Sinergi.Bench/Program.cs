using System.Diagnostics;
using Azure.Storage.Queues;
using Sinergi.Bench;
using Workflow.IntegrationTests.Infrastructure;

// ./bench: Azurite of its own, the app in this process on loopback (and once as its own process), every figure
// beside the same work done directly on Azurite in the same run. --quick: smaller sizes, to check that it runs.
var quick = args.Contains("--quick");
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(AzuriteProcess.RepositoryRoot(), "bench", "results.json");

var azuriteClock = Stopwatch.StartNew();
await using var azurite = await AzuriteProcess.StartAsync();
await new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync("warmup");
var azuriteStartMs = azuriteClock.Elapsed.TotalMilliseconds;
await using var sink = await FakeSendGrid.StartAsync(); // in SendGrid's place: notes when each email is handed over
var storage = azurite.ConnectionString;
Console.WriteLine($"Azurite answered after {azuriteStartMs:F0} ms");

if (args.Contains("--throughput-only"))
{
    // While working on the command path: only the throughput figures, written nowhere.
    var (probeApp, _) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: false));
    await using (probeApp) await new ThroughputBench(probeApp, storage).RunAsync([(1, 400), (8, 1600), (32, 6400)]);
    return 0;
}

if (args.Contains("--email-only"))
{
    // While working on the decision path: only the decision → next official's email figures, written nowhere.
    var (probeApp, _) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: true));
    await using (probeApp)
    {
        var measured = await new EmailLatencyBench(probeApp, sink).RunAsync(60, clients: 8);
        Console.WriteLine($"  decision → next official's email: p50 {measured.P50Ms:F0} ms, p99 {measured.P99Ms:F0} ms");
    }
    return 0;
}

Console.WriteLine("Start-up and memory (the app as its own process)…");
var (startup, memory) = await new ProcessBench(BenchApp.Settings(storage, sink.Url, backgroundLoops: false)).RunAsync(azuriteStartMs, quick ? 8 : 50);

Console.WriteLine("Lifecycle (the bench dispatches and runs the renewal-notice timer, as the Functions host would; the app's worker runs the orchestration)…");
LifecycleResult lifecycle;
var (lifecycleApp, inProcessStart) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: false, orchestrations: true));
await using (lifecycleApp)
    lifecycle = await new LifecycleBench(lifecycleApp, storage).RunAsync();

Console.WriteLine("Command throughput…");
IReadOnlyList<ThroughputResult> throughput;
var (commandApp, _) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: false));
await using (commandApp)
    throughput = await new ThroughputBench(commandApp, storage).RunAsync(quick ? [(1, 50), (8, 200), (32, 400)] : [(1, 400), (8, 1600), (32, 6400)]);
// The throughput commands' notices are not for the next phase's dispatcher.
await new QueueClient(storage, "dispatch").ClearMessagesAsync();

Console.WriteLine("Decision to the next official's email (the app's own queue poller and orchestration worker)…");
EmailLatencyResult email;
var (dispatchingApp, _) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: true));
await using (dispatchingApp)
    email = await new EmailLatencyBench(dispatchingApp, sink).RunAsync(quick ? 10 : 60, clients: 8);
var rawQueue = await RawQueueLatency.RunAsync(storage, quick ? 20 : 100, idlePollMs: 200);

Console.WriteLine("Idle…");
IdleResult idle;
var idleSettings = BenchApp.Settings(storage, sink.Url, backgroundLoops: true);
idleSettings["Process:TaskHub"] = IdleBench.TaskHub;
var (idleApp, _) = await BenchApp.StartAsync(idleSettings);
await using (idleApp)
    idle = await new IdleBench(idleApp).RunAsync(quick ? 100 : 1_000, TimeSpan.FromSeconds(quick ? 15 : 60));

Console.WriteLine("Renewal-notice timer…");
IReadOnlyList<SweepResult> sweep;
var (sweepingApp, _) = await BenchApp.StartAsync(BenchApp.Settings(storage, sink.Url, backgroundLoops: false));
await using (sweepingApp)
    sweep = await new SweepBench(sweepingApp, storage).RunAsync(quick ? [100, 1_000] : [100, 10_000, 100_000]);

var results = new BenchResults(
    DateTimeOffset.UtcNow, Machine.Describe(), quick,
    throughput, email, rawQueue.P50, rawQueue.P99, sweep, lifecycle, idle, startup, inProcessStart.TotalMilliseconds, memory);
var table = ResultsTable.Render(results);
Console.WriteLine();
Console.WriteLine(table);
await ResultsTable.WriteJsonAsync(results, output);
Console.WriteLine($"Written: {output}");
return results.TargetsMet ? 0 : 2;
