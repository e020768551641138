using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Lifecycle;
using Workflow.IntegrationTests.Infrastructure;
using Workflow.Orchestration;

namespace Workflow.IntegrationTests;

/// <summary>
/// The agreement's orchestration on the real task hub (Azurite): a signal is only a wake-up call, so one that never
/// comes or comes many times neither loses a decision nor asks an official twice; and its history stays short.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class ProcessSignalTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private DurableTaskClient Process => fixture.Factory.Services.GetRequiredService<DurableClientHolder>().Client!;

    private async Task<(World World, string Id, string[] Officials)> InReviewAsync()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] officials = [$"hukum-{tag}@kanwil-kaltim.example", $"mitra-{tag}@bontang.example"];
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(officials)), HttpStatusCode.OK);
        await fixture.Mail.WaitForAsync(officials[0]);
        return (w, id, officials);
    }

    private async Task<IReadOnlyList<int>> AskedStepsAsync(string id) =>
        (await api.GetAsync($"/api/agreements/{id}/history", await api.AdminTokenAsync()))["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == nameof(Workflow.Core.DecisionRequested))
            .Select(e => e!["data"]!["step"]!.GetValue<int>()).ToList();

    [Fact]
    public async Task ADecisionWhoseSignalIsLostMovesTheRoundOnAllTheSame()
    {
        var (_, id, officials) = await InReviewAsync();
        // Another instance, whose signals are lost (as if it died right after the commit); the outbox row it leaves is
        // dispatched by the fixture's app, which signals again.
        await using var deaf = new SinergiFactory(fixture.Azurite.ConnectionString,
            services => services.AddSingleton<AgreementProcess>().AddSingleton<IAgreementProcess, LostSignals>(),
            new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });
        await Api.Json(await new Api(deaf.CreateClient()).DecideAsync(id, await api.OfficialTokenAsync(officials[0]), 1, 1, "approve"), HttpStatusCode.OK);
        Assert.Equal(1, deaf.Services.GetRequiredService<IAgreementProcess>() is LostSignals lost ? lost.Dropped : 0);

        Assert.StartsWith("[Sinergi] Mohon keputusan", (await fixture.Mail.WaitForAsync(officials[1]))["subject"]!.GetValue<string>());
        await fixture.Storage.WaitForQuietAsync(id);
        Assert.Equal([1, 2], await AskedStepsAsync(id));
        Assert.Single(await fixture.Mail.ToAsync(officials[1]));
    }

    [Fact]
    public async Task RepeatedSignalsAskTheNextOfficialOnce()
    {
        var (_, id, officials) = await InReviewAsync();
        await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync(officials[0]), 1, 1, "approve"), HttpStatusCode.OK);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Process.RaiseEventAsync(id, AgreementLifecycle.Changed)));
        await fixture.Mail.WaitForAsync(officials[1]);
        await fixture.Storage.WaitForQuietAsync(id);
        await Task.Delay(2000);
        await fixture.Storage.WaitForQuietAsync(id);

        Assert.Equal([1, 2], await AskedStepsAsync(id));
        Assert.Single(await fixture.Mail.ToAsync(officials[1]));
        Assert.Single(await fixture.Mail.ToAsync(officials[0]));
    }

    [Fact]
    public async Task AnAgreementWhoseOrchestrationWasEndedIsGivenANewOneByTheAdmin()
    {
        var (w, id, officials) = await InReviewAsync();
        await Process.TerminateInstanceAsync(id, "to make way for a new version");
        await Process.WaitForInstanceCompletionAsync(id);
        await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync(officials[0]), 1, 1, "approve"), HttpStatusCode.OK);
        await new StorageProbe(fixture.Tables, fixture.Blobs, processes: false).WaitForQuietAsync(id);
        Assert.Equal([1], await AskedStepsAsync(id)); // nobody there to ask the next official

        await Api.Problem(await api.Send(HttpMethod.Post, "/api/admin/start-processes", w.StaffToken), HttpStatusCode.Forbidden);
        var started = await Api.Json(await api.Send(HttpMethod.Post, "/api/admin/start-processes", w.AdminToken), HttpStatusCode.OK);
        Assert.True(started["agreements"]!.GetValue<int>() >= 1);
        await fixture.Mail.WaitForAsync(officials[1]);
        await fixture.Storage.WaitForQuietAsync(id);
        Assert.Equal([1, 2], await AskedStepsAsync(id));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Process.GetInstanceAsync(id))!.RuntimeStatus);
    }

    /// <summary>
    /// The task hub keeps an instance's rows of its longest generation (a new one writes over the last one's from the
    /// start): 8 for a look that finds nothing to do, 8 more for each act (an ask or a timer fired, and the look after
    /// it), and a sentinel. Here no look acts more than twice. Measured: 17. See the README.
    /// </summary>
    public const int HistoryBound = 8 + 2 * 8 + 1;

    [Fact]
    public async Task AFiveYearAgreementsOrchestrationKeepsAShortHistory()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();
        var id = await api.ImportAsync(w, "2025-11-05", 60);
        var mover = fixture.Factory.Services.GetRequiredService<ClockMover>();
        for (var months = 6; months < 60; months += 6)
        {
            var due = new DateOnly(2025, 11, 5).AddMonths(months);
            clock.To(new DateTimeOffset(due.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero), id); // 08:30 WITA
            for (var look = 0; look < 3; look++) await mover.WakeAsync([id], CancellationToken.None); // looks that find nothing to do
            var staff = await api.TokenAsync($"staf@{w.InstitutionId[6..]}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId); // tokens live an hour of the clock
            await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff,
                new { periodEnd = due.ToString("yyyy-MM-dd"), summary = "Berjalan baik.", recommendation = "Continue" }), HttpStatusCode.OK);
        }
        await fixture.Storage.WaitForQuietAsync(id);

        Assert.Equal(Enumerable.Range(1, 9).Select(n => $"evaluation {n}"), (await api.NoticesAsync(id)).Select(n => n[(n.LastIndexOf(':') + 1)..]));
        var rows = 0;
        await foreach (var _ in fixture.Tables.GetTableClient($"{new ProcessOptions().TaskHub}History").QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{id}'", select: ["RowKey"])) rows++;
        // Five years, nine reminders, nine evaluations, dozens of looks: one generation's worth of rows, not all of them.
        Assert.InRange(rows, 1, HistoryBound);
    }

    /// <summary>Starts orchestrations but loses every signal, as a crash right after a commit would.</summary>
    private sealed class LostSignals(AgreementProcess inner) : IAgreementProcess
    {
        private int dropped;

        public int Dropped => dropped;

        public Task<bool> StartAsync(string agreementId, DateTimeOffset requestedAt, CancellationToken ct) => inner.StartAsync(agreementId, requestedAt, ct);

        public Task SignalAsync(string agreementId, StepToAsk? ask, CancellationToken ct)
        {
            Interlocked.Increment(ref dropped);
            return Task.CompletedTask;
        }

        public async Task<ProcessLook> SeenOrSignalAsync(string agreementId, int version, bool signal, CancellationToken ct)
        {
            if (signal) await SignalAsync(agreementId, null, ct);
            return ProcessLook.NotYet;
        }
    }
}
