using System.Net.Http.Json;
using Workflow.IntegrationTests.Infrastructure;

namespace Sinergi.Bench;

public sealed record EmailLatencyResult(int Decisions, int Clients, double P50Ms, double P99Ms, double MaxMs);

/// <summary>
/// From an official's decision (the instant the agreement records for it) to the next official's request to decide
/// handed to the transport (a local server in SendGrid's place notes the arrival): the command signals the agreement's
/// orchestration, whose activity asks the next official, whose e-mail the dispatcher sends. The app runs its own queue
/// poller and orchestration worker.
/// </summary>
public sealed class EmailLatencyBench(BenchApp app, FakeSendGrid sendGrid)
{
    private const string Official = "hukum@kanwil-kaltim.go.id";
    private const string NextOfficial = "walikota@bontang.go.id";

    public async Task<EmailLatencyResult> RunAsync(int agreements, int clients)
    {
        using var client = new BenchClient(app.Url);
        var world = await client.NewWorldAsync();
        var token = await client.TokenAsync(Official, ["approver"]);

        var emailsBefore = sendGrid.Requests.Count;
        var ids = new List<string>();
        for (var i = 0; i < agreements; i++)
        {
            var id = await client.CreateAsync(world);
            await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/drafts", world.StaffToken,
                BenchClient.Form(BenchClient.Pdf(), "draf.pdf"), System.Net.HttpStatusCode.Created);
            await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review", world.StaffToken, JsonContent.Create(BenchClient.Steps(Official, NextOfficial)));
            ids.Add(id);
        }
        // The first officials' requests to decide go out before the measured decisions.
        await sendGrid.WaitForAsync(s => s.Requests.Count >= emailsBefore + agreements, seconds: 60);

        // One decision per agreement, the first step's; the next event on the agreement is the orchestration asking the next official.
        var commits = new List<(string OutboxPrefix, DateTimeOffset CommittedAt)>();
        var gate = new Lock();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                var decided = await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{ids[i]}/review/decision", token,
                    JsonContent.Create(new { round = 1, step = 1, decision = "approve", comment = "setuju" }));
                var committedAt = decided["decidedAt"]!.GetValue<DateTimeOffset>();
                var version = decided["version"]!.GetValue<int>();
                lock (gate) commits.Add(($"{ids[i]}/o-{version + 1:D10}-", committedAt));
            }
        })));

        var latency = new Latencies();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var (prefix, committedAt) in commits)
        {
            FakeSendGrid.Request? first;
            while ((first = sendGrid.Requests.Where(e => e.OutboxId.StartsWith(prefix, StringComparison.Ordinal)).MinBy(e => e.ReceivedAt)) is null)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"No email for {prefix} within 60 s.");
                await Task.Delay(50);
            }
            latency.Add((first.ReceivedAt - committedAt).TotalMilliseconds);
        }
        return new EmailLatencyResult(latency.Count, clients, latency.P50, latency.P99, latency.Percentile(100));
    }
}

/// <summary>The floor under any queue-driven email: a raw message sent, and found by a poller that waits as long as the app's when idle.</summary>
public static class RawQueueLatency
{
    public static async Task<Latencies> RunAsync(string storage, int messages, int idlePollMs)
    {
        var queue = new Azure.Storage.Queues.QueueClient(storage, "rawlatency");
        await queue.CreateIfNotExistsAsync();
        var latency = new Latencies();
        var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var received = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
                if (received.Length == 0)
                {
                    try { await Task.Delay(idlePollMs, stop.Token); } catch (OperationCanceledException) { }
                    continue;
                }
                foreach (var m in received)
                {
                    if (sent.TryRemove(m.Body.ToString(), out var at)) latency.Add(System.Diagnostics.Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                }
            }
        });
        for (var i = 0; i < messages; i++)
        {
            var body = $"m{i}";
            sent[body] = System.Diagnostics.Stopwatch.GetTimestamp();
            await queue.SendMessageAsync(body);
            await Task.Delay(Random.Shared.Next(20, 120));
        }
        while (!sent.IsEmpty) await Task.Delay(20);
        await stop.CancelAsync();
        await poller;
        return latency;
    }
}
