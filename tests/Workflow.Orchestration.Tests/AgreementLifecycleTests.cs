using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Core;
using Workflow.Core.Tests;
using static Workflow.Core.Tests.Samples;

namespace Workflow.Orchestration.Tests;

/// <summary>
/// The agreement's orchestration on the SDK's in-memory backend (durable timers on real time, as in production), its
/// activities over an agreement in memory whose clock the test moves. Where a test does not say otherwise, the
/// orchestration looks again only when signalled, so a test sees what the signal did.
/// </summary>
public sealed class AgreementLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Seldom = TimeSpan.FromHours(1);
    private DurableTaskTestHost? host;
    private InMemoryRecord record = null!;

    private DurableTaskClient Client => host!.Client;

    private async Task StartAsync(Agreement agreement, DateTimeOffset? now = null, TimeSpan? lookAgainAfter = null)
    {
        record = new InMemoryRecord(agreement, now ?? Now, lookAgainAfter ?? Seldom);
        host = await StartHostAsync(record);
        await Client.ScheduleNewOrchestrationInstanceAsync(AgreementLifecycle.Name, new LifecycleInput(record.Id), new StartOrchestrationOptions(record.Id));
        await SettledAsync();
    }

    /// <summary>
    /// The test host picks a port at random (30000-40000) without asking whether it is taken, and the other suites' Azurite,
    /// maildev and apps run beside this one: a port the system says is free, and another if it was taken meanwhile.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartHostAsync(InMemoryRecord record)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(r => r.AddAgreementLifecycle(),
                    new DurableTaskTestHostOptions { Port = FreePort(), ConfigureServices = s => s.AddSingleton<ILifecycleActivities>(record) });
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException) { }
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
    }

    /// <summary>A command on the record, then the signal the app sends after it (naming the official to ask, if any).</summary>
    private async Task ChangeAsync(Func<Agreement, DateTimeOffset, IEnumerable<AgreementEvent>> move)
    {
        var ask = record.Change(move);
        await Client.RaiseEventAsync(record.Id, AgreementLifecycle.Changed, ask);
        await SettledAsync();
    }

    /// <summary>The dev clock moves, and the orchestration is woken to look at its agreement against it.</summary>
    private async Task ClockToAsync(DateTimeOffset to)
    {
        record.Now = to;
        await Client.RaiseEventAsync(record.Id, AgreementLifecycle.Changed);
        await SettledAsync();
    }

    /// <summary>Until the orchestration has ended, or waits having seen the record as it is now.</summary>
    private async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(record.Id, getInputsAndOutputs: true);
            if (instance is { IsCompleted: true }) return;
            if (LifecycleStatus.Parse(instance?.SerializedCustomStatus) is { } looked && looked.Version == record.Version && looked.LookedAt == record.Now)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"the orchestration did not settle: {instance?.RuntimeStatus} {instance?.SerializedCustomStatus}");
            await Task.Delay(20);
        }
    }

    private async Task<OrchestrationRuntimeStatus> RuntimeStatusAsync() => (await Client.GetInstanceAsync(record.Id))!.RuntimeStatus;

    private IEnumerable<int> AskedSteps => record.EventsOf<DecisionRequested>().Select(r => r.Step);

    [Fact]
    public async Task AsksEachOfficialInTurnAsTheRoundMovesOn()
    {
        await StartAsync(InReview(3));
        Assert.Equal([1], AskedSteps);
        Assert.Equal(Legal.Email, Assert.Single(record.EventsOf<DecisionRequested>()).OfficialEmail);

        await ChangeAsync((a, now) => [a.Decide(1, 1, ReviewDecision.Approve, null, Legal, now)]);
        Assert.Equal([1, 2], AskedSteps);
        await ChangeAsync((a, now) => [a.Decide(1, 2, ReviewDecision.Approve, null, Head, now)]);
        Assert.Equal([1, 2, 3], AskedSteps);
        await ChangeAsync((a, now) => [a.Decide(1, 3, ReviewDecision.Approve, null, Partner, now)]);

        Assert.Equal([1, 2, 3], AskedSteps);
        Assert.Equal(OrchestrationRuntimeStatus.Running, await RuntimeStatusAsync()); // approved: signing comes next
    }

    [Fact]
    public async Task RejectionEndsTheProcess()
    {
        await StartAsync(InReview(2));
        await ChangeAsync((a, now) => [a.Decide(1, 1, ReviewDecision.Reject, "Tidak sesuai tugas dan fungsi.", Legal, now)]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, await RuntimeStatusAsync());
        Assert.Equal([1], AskedSteps);
    }

    [Fact]
    public async Task ChangesRequestedWaitForTheNextRoundWhoseFirstOfficialIsAskedAgain()
    {
        await StartAsync(InReview(2));
        await ChangeAsync((a, now) => [a.Decide(1, 1, ReviewDecision.Revise, "Perbaiki pasal 3.", Legal, now)]);
        Assert.Equal([1], AskedSteps);
        Assert.Equal(OrchestrationRuntimeStatus.Running, await RuntimeStatusAsync());

        await ChangeAsync((a, now) => [a.UploadDraft(Pdf("doc-2"), "perbaikan", Staff, now), a.SubmitForReview(Steps(2), Officials, Staff, now)]);
        Assert.Equal([(1, 1), (2, 1)], record.EventsOf<DecisionRequested>().Select(r => (r.Round, r.Step)));
    }

    [Fact]
    public async Task ALostSignalIsMadeGoodAtTheNextLook()
    {
        await StartAsync(InReview(2), lookAgainAfter: TimeSpan.FromMilliseconds(300));
        record.Change((a, now) => [a.Decide(1, 1, ReviewDecision.Approve, null, Legal, now)]); // and no signal
        await SettledAsync();
        Assert.Equal([1, 2], AskedSteps);
    }

    [Fact]
    public async Task ASignalThatComesManyTimesAsksTheNextOfficialOnce()
    {
        await StartAsync(InReview(2));
        record.Change((a, now) => [a.Decide(1, 1, ReviewDecision.Approve, null, Legal, now)]);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.RaiseEventAsync(record.Id, AgreementLifecycle.Changed)));
        await SettledAsync();
        var looks = record.Looks;
        await Task.Delay(1000); // the repeated signals are each looked at, and change nothing
        await SettledAsync();

        Assert.Equal([1, 2], AskedSteps);
        Assert.InRange(record.Looks - looks, 0, 10);
    }

    [Fact]
    public async Task ASignalNamingAStepAlreadyAskedOrDecidedAsksNobody()
    {
        await StartAsync(InReview(2));
        await ChangeAsync((a, now) => [a.Decide(1, 1, ReviewDecision.Approve, null, Legal, now)]);
        Assert.Equal([1, 2], AskedSteps);

        // Late or repeated signals naming steps whose officials were asked, or which are decided: the record says no.
        foreach (var stale in new[] { new StepToAsk(1, 1), new StepToAsk(1, 2), new StepToAsk(2, 1) })
            await Client.RaiseEventAsync(record.Id, AgreementLifecycle.Changed, stale);
        await Task.Delay(1000);
        await SettledAsync();
        Assert.Equal([1, 2], AskedSteps);
    }

    [Fact]
    public async Task AStepLeftAloneGetsAReminderAtHalfItsDaysThenAnEscalationAtTheDeadline()
    {
        await StartAsync(InReview(1)); // five days allowed
        await ClockToAsync(Now.AddDays(2.5).AddMinutes(-1));
        Assert.Empty(record.EventsOf<ReviewReminderDue>());

        await ClockToAsync(Now.AddDays(2.5).AddMinutes(1));
        Assert.False(Assert.Single(record.EventsOf<ReviewReminderDue>()).Overdue);
        await ClockToAsync(Now.AddDays(5).AddMinutes(1));
        Assert.Equal([false, true], record.EventsOf<ReviewReminderDue>().Select(r => r.Overdue));
        await ClockToAsync(Now.AddDays(30));
        Assert.Equal(2, record.EventsOf<ReviewReminderDue>().Count);
    }

    [Fact]
    public async Task EvaluationRemindersFallOnTheirDaysAndStopOnceTheEvaluationIsRecorded()
    {
        await StartAsync(Active(validityMonths: 24)); // effective 2025-11-05, evaluations every six months
        var dueDay = InstitutionTime.At("Asia/Makassar", new DateOnly(2026, 5, 5), NoticePolicy.Default.LocalTime);
        await ClockToAsync(dueDay.AddMinutes(-1));
        Assert.Empty(record.EventsOf<EvaluationReminderDue>());
        await ClockToAsync(dueDay);
        Assert.Equal((1, false), record.EventsOf<EvaluationReminderDue>().Select(r => (r.Number, r.Overdue)).Single());

        await ChangeAsync((a, now) => [a.RecordEvaluation(new EvaluationInput(new DateOnly(2026, 5, 5), "Berjalan baik.", Recommendation.Continue, null), null, Staff, now)]);
        await ClockToAsync(dueDay.AddDays(30));
        Assert.Single(record.EventsOf<EvaluationReminderDue>());
    }

    [Fact]
    public async Task AnAgreementImportedAfterItsEvaluationFellDueGetsNoReminderForIt()
    {
        await StartAsync(Active(validityMonths: 24), now: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await ClockToAsync(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(record.EventsOf<EvaluationReminderDue>());
        await ClockToAsync(new DateTimeOffset(2026, 11, 5, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, Assert.Single(record.EventsOf<EvaluationReminderDue>()).Number);
    }

    [Fact]
    public async Task EachOfFiveYearsOfEvaluationsIsRemindedOnce()
    {
        await StartAsync(Active(validityMonths: 60));
        for (var month = 6; month < 60; month += 6)
        {
            var due = Now.AddMonths(month).AddDays(1);
            await ClockToAsync(due);
            await ChangeAsync((a, now) => [a.RecordEvaluation(new EvaluationInput(DateOnly.FromDateTime(due.UtcDateTime), "Berjalan baik.", Recommendation.Continue, null), null, Staff, now)]);
        }
        Assert.Equal(Enumerable.Range(1, 9), record.EventsOf<EvaluationReminderDue>().Select(r => r.Number));
        Assert.Equal(OrchestrationRuntimeStatus.Running, await RuntimeStatusAsync()); // its end is the renewal-notice timer's
    }
}
