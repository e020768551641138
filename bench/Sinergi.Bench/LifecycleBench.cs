using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Queues;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;

namespace Sinergi.Bench;

public sealed record LifecycleResult(int Events, long Commands, long Dispatch, long Sweeps, long Total, double PerEvent);

/// <summary>
/// Storage requests, counted in the Azure SDK pipeline, for one whole lifecycle: create, two drafts, a three-step
/// review, signing, two evaluations, five renewal notices and expiry. The bench plays the Functions host: it takes
/// the queue's notices and runs the dispatcher and the sweep in the app, so the queue polling (the host's) is not counted.
/// </summary>
public sealed class LifecycleBench(BenchApp app, string storage)
{
    private static readonly string[] Officials = ["hukum@kanwil-kaltim.go.id", "kalapas@lapas.go.id", "walikota@bontang.go.id"];
    private readonly QueueClient queue = new(storage, "dispatch", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private long commands, dispatch, sweeps;

    public async Task<LifecycleResult> RunAsync()
    {
        var clock = app.Services.GetRequiredService<DevClock>();
        using var client = new BenchClient(app.Url);
        clock.Set(new DateTimeOffset(2025, 10, 24, 2, 0, 0, TimeSpan.Zero));
        var world = await client.NewWorldAsync();
        var tokens = new List<string>();
        foreach (var official in Officials) tokens.Add(await client.TokenAsync(official, ["approver"]));
        await DrainAsync();

        var id = await Command(() => client.CreateAsync(world));
        for (var draft = 1; draft <= 2; draft++)
            await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/drafts", world.StaffToken,
                BenchClient.Form(BenchClient.Pdf(), $"draf-{draft}.pdf"), HttpStatusCode.Created));
        await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review", world.StaffToken, JsonContent.Create(BenchClient.Steps(Officials))));
        for (var step = 1; step <= 3; step++)
            await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review/decision", tokens[step - 1],
                JsonContent.Create(new { round = 1, step, decision = "approve", comment = "setuju" })));

        await TravelAsync(clock, new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var staff = await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId);
        await Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/signing", staff, BenchClient.Form(BenchClient.Pdf(), "ditandatangani.pdf",
            ("signedOn", "2025-11-05"), ("place", "Lapas Samarinda"),
            ("signatories", """[{"name":"Kalapas","position":"Kepala Lapas","organization":"Lapas"},{"name":"Ketua","position":"Ketua","organization":"Dewan UKM"}]"""))));

        await TravelAsync(clock, new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));
        await EvaluateAsync(client, id, await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId), "2026-05-05");
        foreach (var day in new[] { (2026, 8, 7), (2026, 9, 6), (2026, 10, 6) })
            await TravelAsync(clock, new DateTimeOffset(day.Item1, day.Item2, day.Item3, 0, 1, 0, TimeSpan.Zero));
        await EvaluateAsync(client, id, await client.TokenAsync($"staf@{world.Suffix}.go.id", ["staff"], world.InstitutionId, world.RegionId), "2026-10-05");
        await TravelAsync(clock, new DateTimeOffset(2026, 10, 29, 0, 1, 0, TimeSpan.Zero));
        await TravelAsync(clock, new DateTimeOffset(2026, 11, 5, 0, 1, 0, TimeSpan.Zero));

        var admin = await client.TokenAsync("admin@ditjenpas.go.id", ["admin"]);
        var history = await client.JsonAsync(HttpMethod.Get, $"/api/agreements/{id}/history", admin);
        var events = history["events"]!.AsArray();
        var types = events.Select(e => e!["type"]!.GetValue<string>()).ToList();
        if (types[^1] != "AgreementExpired" || types.Count(t => t == "RenewalNoticeDue") != 4)
            throw new InvalidOperationException($"The lifecycle did not run as planned: {string.Join(", ", types)}");
        clock.Reset();
        var total = commands + dispatch + sweeps;
        return new LifecycleResult(events.Count, commands, dispatch, sweeps, total, (double)total / events.Count);
    }

    private async Task<T> Command<T>(Func<Task<T>> command)
    {
        var before = app.StorageRequests;
        var result = await command();
        commands += app.StorageRequests - before;
        await DrainAsync();
        return result;
    }

    private Task EvaluateAsync(BenchClient client, string id, string staff, string periodEnd) =>
        Command(() => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff, JsonContent.Create(new
        {
            periodEnd, summary = "Pelatihan berjalan rutin.", recommendation = "Continue",
            itemScores = Array.Empty<object>(),
        })));

    private async Task TravelAsync(DevClock clock, DateTimeOffset to)
    {
        clock.Set(to);
        var before = app.StorageRequests;
        await app.Services.GetRequiredService<Sweep>().RunAsync(CancellationToken.None);
        sweeps += app.StorageRequests - before;
        await DrainAsync();
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
                var before = app.StorageRequests;
                await handler.HandleAsync(message.Body.ToString(), CancellationToken.None);
                dispatch += app.StorageRequests - before;
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
