using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The benchmark keeps working: its quick run (small sizes) goes through every phase and writes its figures.</summary>
public sealed class BenchmarkTests
{
    [Fact]
    public async Task QuickBenchmarkRunsEveryPhaseAndWritesItsFigures()
    {
        var bench = AppProcess.BuiltAssembly(Path.Combine("bench", "Sinergi.Bench"), "Sinergi.Bench.dll");
        Assert.True(File.Exists(bench), $"{bench} is not built (the solution builds it)");
        var output = Path.Combine(Path.GetTempPath(), $"sinergi-bench-{Guid.NewGuid():N}.json");
        var process = await CommandLine.RunAsync("dotnet", AzuriteProcess.RepositoryRoot(), [bench, "--quick", "--out", output], TimeSpan.FromMinutes(8));
        var text = process.ToString();
        try
        {
            // 0: every target met; 2: figures written, some target not met (the quick sizes are too small to judge).
            Assert.True(process.ExitCode is 0 or 2, text);
            var results = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
            Assert.Equal(3, results["throughput"]!.AsArray().Count);
            Assert.All(results["throughput"]!.AsArray(), t => Assert.True(t!["appPerSecond"]!.GetValue<double>() > 0));
            Assert.True(results["decisionToEmail"]!["decisions"]!.GetValue<int>() > 0);
            Assert.Equal(2, results["sweep"]!.AsArray().Count);
            var lifecycle = results["lifecycle"]!;
            string[] parts = ["commands", "dispatch", "sweeps", "process", "clock"];
            Assert.All(parts, p => Assert.True(lifecycle[p]!.GetValue<long>() >= 0, $"{p}: {lifecycle}"));
            Assert.True(lifecycle["process"]!.GetValue<long>() > 0 && lifecycle["commands"]!.GetValue<long>() > 0, lifecycle.ToJsonString());
            Assert.Equal(lifecycle["record"]!.GetValue<long>(), parts.Sum(p => lifecycle[p]!.GetValue<long>()));
            Assert.True(results["lifecycle"]!["taskHub"]!.GetValue<long>() > 0);
            Assert.True(results["idle"]!["taskHubPerMinute"]!.GetValue<double>() > 0);
            Assert.True(results["startup"]!["medianMs"]!.GetValue<double>() > 0);
            Assert.Equal(7, results["targets"]!.AsArray().Count);
            Assert.Contains("| measure | Sinergi | raw Azurite | ratio |", text);
        }
        finally { File.Delete(output); }
    }
}
