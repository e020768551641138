using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Workflow.Functions.Dispatch;
using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Storage;
using Workflow.IntegrationTests.Infrastructure;

namespace Sinergi.Bench;

/// <param name="Process">Record requests of the orchestration's activities (reading the agreement, asking officials, reminders).</param>
/// <param name="TaskHub">Requests to the task hub over the lifecycle, its idle polling included (the idle figure apart shows how much).</param>
/// <param name="Clock">Record requests of the dev clock's moves (the bench's time travel; none expected).</param>
public sealed record LifecycleResult(int Events, long Commands, long Dispatch, long Sweeps, long Process, long Clock, long Record, long TaskHub, double Seconds, double PerEvent);

/// <summary>
/// Storage requests, counted in the Azure SDK pipeline, for one whole lifecycle: create, two drafts, a three-step
/// review, signing, two evaluations, five renewal notices and expiry, with the agreement's orchestration asking each
/// official and sending the evaluation reminder. The bench plays the Functions host's queue trigger and timer: it takes
/// the queue's notices and runs the dispatcher and the renewal-notice timer in the app, so the dispatch queue's polling
/// is not counted; the task hub's is (the sidecar polls it as the host would).
/// </summary>
public sealed class LifecycleBench(BenchApp app, string storage)
{
    private static readonly string[] Officials = ["hukum@kanwil-kaltim.go.id", "kalapas@lapas.go.id", "walikota@bontang.go.id"];
    private readonly QueueClient queue = new(storage, "dispatch", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private readonly StorageProbe probe = new(new TableServiceClient(storage), new BlobServiceClient(storage));
    private string id = "";

    public async Task<LifecycleResult> RunAsync()
    {
        var clock = app.Services.GetRequiredService<DevClock>();
        using var client = new BenchClient(app.Url);
        clock.Set(new DateTimeOffset(2025, 10, 24, 2, 0, 0, TimeSpan.Zero));
        var world = await client.NewWorldAsync();
        var tokens = new List<string>();
        foreach (var official in Officials) tokens.Add(await client.TokenAsync(official, ["approver"]));
        await DrainAsync();
        var (recordBefore, taskHubBefore, started) = (app.StorageRequests, app.TaskHubRequests, Stopwatch.StartNew());
        var before = (Dispatch: Part(Dispatching), Sweeps: Part(Sweeping), Process: Part(LifecycleActivityHandlers.CountedAs), Moves: Part(MovingTheClock));

        id = await Command(() => client.CreateAsync(world));
        for (var draft = 1; draft <= 2; draft++)
            await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/drafts", world.StaffToken,
                BenchClient.Form(BenchClient.Pdf(), $"draf-{draft}.pdf"), HttpStatusCode.Created));
        await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review", world.StaffToken, JsonContent.Create(BenchClient.Steps(Officials))));
        for (var step = 1; step <= 3; step++)
            await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review/decision", tokens[step - 1],
                JsonContent.Create(new { round = 1, step, decision = "approve", comment = "setuju" })));

        await TravelAsync(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var staff = await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId);
        await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/signing", staff, BenchClient.Form(BenchClient.Pdf(), "ditandatangani.pdf",
            ("signedOn", "2025-11-05"), ("place", "Lapas Samarinda"),
            ("signatories", """[{"name":"Kalapas","position":"Kepala Lapas","organization":"Lapas"},{"name":"Ketua","position":"Ketua","organization":"Dewan UKM"}]"""))));

        await TravelAsync(new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));
        await EvaluateAsync(client, id, await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId), "2026-05-05");
        foreach (var day in new[] { (2026, 8, 7), (2026, 9, 6), (2026, 10, 6) })
            await TravelAsync(new DateTimeOffset(day.Item1, day.Item2, day.Item3, 0, 1, 0, TimeSpan.Zero));
        await EvaluateAsync(client, id, await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId), "2026-10-05");
        await TravelAsync(new DateTimeOffset(2026, 10, 29, 0, 1, 0, TimeSpan.Zero));
        await TravelAsync(new DateTimeOffset(2026, 11, 5, 0, 1, 0, TimeSpan.Zero));

        var admin = await client.TokenAsync("admin@ditjenpas.go.id", ["admin"]);
        var history = await client.JsonAsync(HttpMethod.Get, $"/api/agreements/{id}/history", admin);
        var events = history["events"]!.AsArray();
        var types = events.Select(e => e!["type"]!.GetValue<string>()).ToList();
        if (types[^1] != "AgreementExpired" || types.Count(t => t == "RenewalNoticeDue") != 4
            || types.Count(t => t == "DecisionRequested") != 3 || types.Count(t => t == "EvaluationReminderDue") != 1)
            throw new InvalidOperationException($"The lifecycle did not run as planned: {string.Join(", ", types)}");
        clock.Reset();
        var record = app.StorageRequests - recordBefore;
        var taskHub = app.TaskHubRequests - taskHubBefore;
        var (dispatch, sweeps, process, moves) = (Part(Dispatching) - before.Dispatch, Part(Sweeping) - before.Sweeps,
            Part(LifecycleActivityHandlers.CountedAs) - before.Process, Part(MovingTheClock) - before.Moves);
        var commands = record - dispatch - sweeps - process - moves; // what the HTTP requests made: the only part not attributed
        return new LifecycleResult(events.Count, commands, dispatch, sweeps, process, moves, record, taskHub, started.Elapsed.TotalSeconds, (double)(record + taskHub) / events.Count);
    }

    private const string Dispatching = "bench dispatch", Sweeping = "bench renewal-notice timer", MovingTheClock = "bench clock";

    /// <summary>The record's requests attributed to a part of the work so far (each flow says what it is: they overlap in time).</summary>
    private long Part(string part) => app.Services.GetRequiredService<StorageRequestCounter>().CountOf(part);

    private async Task<T> Command<T>(Func<Task<T>> command)
    {
        var result = await command();
        await SettleAsync(result as string ?? id);
        return result;
    }

    /// <summary>Dispatches until the outbox is empty and the orchestration has seen every change it is told of.</summary>
    private async Task SettleAsync(string agreementId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await DrainAsync();
            if ((await probe.OutboxAsync(agreementId)).Count == 0 && (await probe.UnseenByProcessAsync(agreementId)).Count == 0
                && (await probe.OutboxAsync(agreementId)).Count == 0)
                return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{agreementId} did not settle within 60 s.");
            await Task.Delay(20);
        }
    }

    private Task EvaluateAsync(BenchClient client, string id, string staff, string periodEnd) =>
        Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff, JsonContent.Create(new
        {
            periodEnd, summary = "Pelatihan berjalan rutin.", recommendation = "Continue",
            itemScores = Array.Empty<object>(),
        })));

    /// <summary>Moves the clock (waking the orchestration, which fires what is due), then runs the renewal-notice timer.</summary>
    private async Task TravelAsync(DateTimeOffset to)
    {
        using (StorageRequestCounter.Attribute(MovingTheClock)) await app.Services.GetRequiredService<ClockMover>().MoveAsync(to, CancellationToken.None);
        await SettleAsync(id);
        using (StorageRequestCounter.Attribute(Sweeping)) await app.Services.GetRequiredService<Sweep>().RunAsync(CancellationToken.None);
        await SettleAsync(id);
    }

    /// <summary>What the Functions host's queue trigger does: each visible notice runs the dispatcher once, then goes.</summary>
    private async Task DrainAsync()
    {
        var handler = app.Services.GetRequiredService<NoticeHandler>();
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(60))).Value;
            if (messages.Length == 0) return;
            foreach (var message in messages)
            {
                using (StorageRequestCounter.Attribute(Dispatching)) await handler.HandleAsync(message.Body.ToString(), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
