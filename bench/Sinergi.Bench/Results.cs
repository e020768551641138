using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Workflow.IntegrationTests.Infrastructure;

namespace Sinergi.Bench;

public sealed record Machine(string Cpu, int Cores, double MemoryGiB, string Os, string Dotnet, string Azurite)
{
    public static Machine Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var azurite = "?";
        var package = Path.Combine(AzuriteProcess.RepositoryRoot(), "node_modules", "azurite", "package.json");
        if (File.Exists(package)) azurite = JsonDocument.Parse(File.ReadAllText(package)).RootElement.GetProperty("version").GetString() ?? "?";
        return new Machine(cpu, Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1),
            RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, azurite);
    }
}

public sealed record BenchResults(
    DateTimeOffset RanAt, Machine Machine, bool Quick,
    IReadOnlyList<ThroughputResult> Throughput, EmailLatencyResult DecisionToEmail, double RawQueueP50Ms, double RawQueueP99Ms,
    IReadOnlyList<SweepResult> Sweep, LifecycleResult Lifecycle, IdleResult Idle, StartupResult Startup, double InProcessStartMs, MemoryResult Memory)
{
    public ThroughputResult At32 => Throughput.MaxBy(t => t.Clients)!;
    public ThroughputResult At1 => Throughput.MinBy(t => t.Clients)!;

    /// <summary>Idle requests with many orchestrations waiting within 20% of those with none: waiting costs nothing of its own.</summary>
    public bool IdleFlat => Idle.TaskHubPerMinute <= Idle.EmptyTaskHubPerMinute * 1.2 + 10;

    /// <summary>Sweep time and requests from the second size to the largest: flat within 50% time (noise) and 10% requests.</summary>
    public bool SweepFlat => Sweep.Count < 2 ||
        (Sweep[^1].StorageRequests <= Sweep[1].StorageRequests * 1.1 && Sweep[^1].Ratio <= Math.Max(Sweep[1].Ratio, 1) * 1.5);

    public IReadOnlyList<(string Target, bool Met)> Targets =>
    [
        ("32-client command throughput ≥ 80% of raw", At32.Ratio >= 0.8),
        ("1-client command p50 within 2.5× of a raw transaction", At1.AppP50Ms <= 2.5 * At1.RawP50Ms),
        ("decision → next official's email p99 < 2 s", DecisionToEmail.P99Ms < 2000),
        ("idle task-hub requests the same with orchestrations waiting as with none", IdleFlat),
        ("renewal-notice timer flat from 10,000 to 100,000 agreements", SweepFlat),
        ("start-up < 1.5 s", Startup.MedianMs < 1500),
        ("memory growth < 20 MiB moving a 50 MiB file", Math.Max(Memory.UploadGrowthMiB, Memory.DownloadGrowthMiB) < 20),
    ];

    public bool TargetsMet => Targets.All(t => t.Met);
}

public static class ResultsTable
{
    public static string Render(BenchResults r)
    {
        var rows = new List<string[]> { new[] { "measure", "Sinergi", "raw Azurite", "ratio" } };
        foreach (var t in r.Throughput)
            rows.Add([$"commands, {t.Clients} client{(t.Clients == 1 ? "" : "s")} ({t.Commands})",
                $"{t.AppPerSecond:F0}/s, p50 {t.AppP50Ms:F1} ms, p99 {t.AppP99Ms:F1} ms",
                $"{t.RawPerSecond:F0}/s, p50 {t.RawP50Ms:F1} ms, p99 {t.RawP99Ms:F1} ms ({t.EntitiesPerTransaction}-entity transactions)",
                $"{t.Ratio:P0}"]);
        var e = r.DecisionToEmail;
        rows.Add([$"decision commit → next official's email at transport ({e.Decisions}, {e.Clients} clients)", $"p50 {e.P50Ms:F0} ms, p99 {e.P99Ms:F0} ms, max {e.MaxMs:F0} ms",
            $"queue message → poller: p50 {r.RawQueueP50Ms:F0} ms, p99 {r.RawQueueP99Ms:F0} ms", $"{e.P99Ms / r.RawQueueP99Ms:F1}× (p99)"]);
        foreach (var s in r.Sweep)
            rows.Add([$"renewal-notice timer, {s.Agreements:N0} agreements, {s.Due} due", $"{s.SweepMs:F0} ms, {s.StorageRequests} storage requests",
                $"query of the due timers: {s.RawQueryMs:F1} ms", $"{s.Ratio:F1}×"]);
        var l = r.Lifecycle;
        rows.Add(["storage requests, one whole lifecycle", $"record {l.Record} ({l.Commands} commands, {l.Dispatch} dispatch, {l.Sweeps} renewal-notice timer, {l.Process} orchestration activities{(l.Clock > 0 ? $", {l.Clock} dev clock" : "")}); task hub {l.TaskHub} over {l.Seconds:F0} s, its polling included",
            $"{l.Events} events = {l.Events} transactions", $"{l.PerEvent:F1} per event"]);
        var idle = r.Idle;
        rows.Add([$"storage requests a minute, idle, {idle.Waiting:N0} orchestrations waiting", $"task hub {idle.TaskHubPerMinute:F0}, record {idle.RecordPerMinute:F0}",
            $"no orchestration: task hub {idle.EmptyTaskHubPerMinute:F0}, record {idle.EmptyRecordPerMinute:F0}", $"{idle.TaskHubPerMinute / Math.Max(idle.EmptyTaskHubPerMinute, 1):F2}×"]);
        rows.Add(["start-up to first answered request", $"{r.Startup.MedianMs:F0} ms as a process (first {r.Startup.FirstMs:F0} ms); {r.InProcessStartMs:F0} ms in-process",
            $"Azurite start: {r.Startup.AzuriteMs:F0} ms", $"{r.Startup.Ratio:F2}×"]);
        var m = r.Memory;
        rows.Add([$"memory, {m.FileBytes / (1 << 20)} MiB PDF up / down", $"+{m.UploadGrowthMiB:F1} / +{m.DownloadGrowthMiB:F1} MiB resident (baseline {m.BaselineMiB:F0} MiB)",
            $"file {m.FileBytes / (double)(1 << 20):F0} MiB", $"{Math.Max(m.UploadGrowthMiB, m.DownloadGrowthMiB) / (m.FileBytes / (double)(1 << 20)):P0} of the file"]);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sinergi benchmark, {r.RanAt:yyyy-MM-dd HH:mm} UTC{(r.Quick ? " (quick)" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Machine.Cpu}, {r.Machine.Cores} cores, {r.Machine.MemoryGiB} GiB; {r.Machine.Os}; {r.Machine.Dotnet}; Azurite {r.Machine.Azurite}");
        text.AppendLine();
        foreach (var (row, i) in rows.Select((row, i) => (row, i)))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
            if (i == 0) text.AppendLine("|---|---|---|---|");
        }
        text.AppendLine();
        foreach (var (target, met) in r.Targets) text.AppendLine(CultureInfo.InvariantCulture, $"- {(met ? "met" : "NOT MET")}: {target}");
        return text.ToString();
    }

    public static async Task WriteJsonAsync(BenchResults results, string path)
    {
        var json = JsonSerializer.Serialize(new
        {
            results.RanAt, results.Machine, results.Quick, results.Throughput, results.DecisionToEmail,
            RawQueue = new { P50Ms = results.RawQueueP50Ms, P99Ms = results.RawQueueP99Ms },
            results.Sweep, results.Lifecycle, results.Idle, results.Startup, results.InProcessStartMs, results.Memory,
            Targets = results.Targets.Select(t => new { t.Target, t.Met }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        await File.WriteAllTextAsync(path, json + "\n");
    }
}
