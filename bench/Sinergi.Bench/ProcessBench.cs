using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Workflow.IntegrationTests.Infrastructure;

namespace Sinergi.Bench;

public sealed record StartupResult(double FirstMs, double MedianMs, double AzuriteMs, double Ratio);

public sealed record MemoryResult(long FileBytes, double BaselineMiB, double UploadPeakMiB, double DownloadPeakMiB, double UploadGrowthMiB, double DownloadGrowthMiB);

/// <summary>The app as its own process, as a deployment starts it: time to the first answered request, and its memory while a 50 MiB PDF goes in and out.</summary>
public sealed class ProcessBench(Dictionary<string, string?> settings)
{
    private static string AppDll
    {
        get
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!); // bin/{Debug,Release}/net10.0
            return Path.Combine(AzuriteProcess.RepositoryRoot(), "functions", "Workflow.Functions", "bin", configuration, "net10.0", "Workflow.Functions.dll");
        }
    }

    public async Task<(StartupResult Startup, MemoryResult Memory)> RunAsync(double azuriteStartMs, int fileMiB)
    {
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var (process, url, ms) = await StartAsync();
            times.Add(ms);
            if (run < 4) { Stop(process); continue; }
            try
            {
                var memory = await MeasureMemoryAsync(process, url, fileMiB);
                var median = times.Order().ElementAt(times.Count / 2);
                return (new StartupResult(times[0], median, azuriteStartMs, median / azuriteStartMs), memory);
            }
            finally { Stop(process); }
        }
        throw new UnreachableException();
    }

    private async Task<(Process Process, string Url, double Ms)> StartAsync()
    {
        var url = $"http://127.0.0.1:{NodeService.FreePort()}";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(AppDll)! };
        info.ArgumentList.Add(AppDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await BenchApp.WaitForHealthAsync(url, () => process.HasExited);
        return (process, url, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<MemoryResult> MeasureMemoryAsync(Process process, string url, int fileMiB)
    {
        using var client = new BenchClient(url);
        var world = await client.NewWorldAsync();
        var id = await client.CreateAsync(world);
        var file = Path.Combine(Path.GetTempPath(), $"sinergi-bench-{Guid.NewGuid():N}.pdf");
        try
        {
            await WritePdfAsync(file, fileMiB);
            var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

            // Warm up the same paths with a small file, then let the app settle before taking its baseline.
            var small = await UploadAsync(client, world, id, () => new ByteArrayContent(BenchClient.Pdf()));
            await DownloadAsync(client, world, id, small);
            await Task.Delay(1500);
            var baseline = Rss(process);

            string documentId;
            double uploadPeak;
            using (var sampler = new RssSampler(process))
            {
                documentId = await UploadAsync(client, world, id, () => new StreamContent(File.OpenRead(file), 81920));
                uploadPeak = sampler.Peak;
            }
            double downloadPeak;
            using (var sampler = new RssSampler(process))
            {
                var hash = await DownloadAsync(client, world, id, documentId);
                if (hash != expected) throw new InvalidOperationException("The downloaded file is not the uploaded one.");
                downloadPeak = sampler.Peak;
            }
            return new MemoryResult(new FileInfo(file).Length, baseline, uploadPeak, downloadPeak, uploadPeak - baseline, downloadPeak - baseline);
        }
        finally { File.Delete(file); }
    }

    private static async Task<string> UploadAsync(BenchClient client, World world, string id, Func<HttpContent> file)
    {
        var draft = await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/drafts", world.StaffToken, BenchClient.Form(file(), "draf-besar.pdf"), HttpStatusCode.Created);
        return draft["documentId"]!.GetValue<string>();
    }

    private static async Task<string> DownloadAsync(BenchClient client, World world, string id, string documentId)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"/api/agreements/{id}/documents/{documentId}", world.StaffToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body));
    }

    /// <summary>A real PDF header and trailer around incompressible filler.</summary>
    private static async Task WritePdfAsync(string path, int mib)
    {
        await using var stream = File.Create(path);
        await stream.WriteAsync("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% "u8.ToArray());
        var chunk = new byte[1 << 20];
        for (var i = 0; i < mib; i++)
        {
            Random.Shared.NextBytes(chunk);
            await stream.WriteAsync(chunk);
        }
        await stream.WriteAsync("\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray());
    }

    /// <summary>Resident memory of the process in MiB, from /proc.</summary>
    private static double Rss(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        throw new InvalidOperationException("VmRSS not found");
    }

    private static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    /// <summary>Reads the resident memory every 5 ms until disposed, keeping the highest.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private double peak;

        public RssSampler(Process process)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss(process));
                    try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public double Peak => Math.Max(peak, 0);

        public void Dispose()
        {
            stop.Cancel();
            loop.Wait();
            stop.Dispose();
        }
    }
}
