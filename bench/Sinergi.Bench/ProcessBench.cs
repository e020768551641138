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
    public async Task<(StartupResult Startup, MemoryResult Memory)> RunAsync(double azuriteStartMs, int fileMiB)
    {
        var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        await using var app = new AppProcess(environment);
        var times = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            await app.StartAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (run < 4) await app.KillAsync();
        }
        var memory = await MeasureMemoryAsync(app, fileMiB);
        var median = times.Order().ElementAt(times.Count / 2);
        return (new StartupResult(times[0], median, azuriteStartMs, median / azuriteStartMs), memory);
    }

    private static async Task<MemoryResult> MeasureMemoryAsync(AppProcess app, int fileMiB)
    {
        using var client = new BenchClient(app.Url);
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
            var baseline = Rss(app.ProcessId);

            string documentId;
            double uploadPeak;
            using (var sampler = new RssSampler(app.ProcessId))
            {
                documentId = await UploadAsync(client, world, id, () => new StreamContent(File.OpenRead(file), 81920));
                uploadPeak = sampler.Peak;
            }
            double downloadPeak;
            using (var sampler = new RssSampler(app.ProcessId))
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
    private static double Rss(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        throw new InvalidOperationException("VmRSS not found");
    }

    /// <summary>Reads the resident memory every 5 ms until disposed, keeping the highest.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private double peak;

        public RssSampler(int processId)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss(processId));
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
