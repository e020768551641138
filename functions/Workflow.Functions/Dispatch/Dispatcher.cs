using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Email;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;

namespace Workflow.Functions.Dispatch;

/// <param name="CommitPending">The commit the notice announced had not landed: the notice is to be looked at again.</param>
public sealed record DispatchResult(int Rows, bool CommitPending);

/// <summary>
/// Does what an agreement's outbox rows ask, then deletes them. Delivery is at least once: each
/// handler is safe to run twice. A row to be tried again later stays, and a delayed queue message
/// brings the dispatcher back for it.
/// </summary>
public sealed class Dispatcher(
    AgreementStore store, Projections projections, AgreementEngine engine, EmailDelivery emails, TimerStore timers, NoticePolicy policy,
    IAgreementProcess process, IOptions<ProcessOptions> processOptions, StorageClients storage, TimeProvider clock, ILogger<Dispatcher> logger)
{
    // One dispatch per agreement at a time in this instance: a second notice for the same agreement waits and
    // then finds the outbox done, instead of doing the same work again beside the first.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> running = new(StringComparer.Ordinal);

    public async Task<DispatchResult> DispatchAsync(DispatchNotice notice, CancellationToken ct)
    {
        var gate = running.GetOrAdd(notice.AgreementId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // The state before the outbox: when the notice's commit had landed by this read, its rows are in the next one.
            var landed = notice.VersionBefore is not { } before || ((await store.LoadAsync(notice.AgreementId, ct))?.Version ?? 0) > before;
            return new DispatchResult(await DispatchOutboxAsync(notice.AgreementId, ct), CommitPending: !landed);
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1) running.TryRemove(new KeyValuePair<string, SemaphoreSlim>(notice.AgreementId, gate));
        }
    }

    private async Task<int> DispatchOutboxAsync(string agreementId, CancellationToken ct)
    {
        var rows = await store.ReadOutboxAsync(agreementId, ct);
        if (rows.Count == 0) return 0;

        // The lists first: they are quick, and people are waiting to see their change.
        var projects = rows.Where(r => r.GetString("Kind") == OutboxKinds.Project).ToList();
        if (projects.Count > 0)
        {
            await projections.ProjectAsync(agreementId, projects.Select(r => Read<ProjectPayload>(r)), ct);
            foreach (var row in projects) await store.DeleteOutboxRowAsync(row, ct);
        }

        TimeSpan? comeBackIn = null;
        foreach (var row in rows.Except(projects))
        {
            var outcome = await HandleAsync(agreementId, row, ct);
            if (outcome.Delete is { } done) await store.DeleteOutboxRowAsync(done, ct);
            if (outcome.RetryIn is { } delay && (comeBackIn is null || delay < comeBackIn)) comeBackIn = delay;
        }
        if (comeBackIn is { } wait)
            await storage.Dispatch.SendMessageAsync(agreementId, visibilityTimeout: Clamp(wait), cancellationToken: ct);
        return rows.Count;
    }

    private async Task<RowOutcome> HandleAsync(string agreementId, TableEntity row, CancellationToken ct)
    {
        switch (row.GetString("Kind"))
        {
            case OutboxKinds.CreateRenewal:
                await engine.EnsureRenewalCreatedAsync(Read<CreateRenewalPayload>(row), ct);
                return RowOutcome.Done(row);
            case OutboxKinds.MarkRenewed:
                await MarkRenewedAsync(Read<MarkRenewedPayload>(row), ct);
                return RowOutcome.Done(row);
            case OutboxKinds.Email:
                return await emails.DeliverAsync(row, ct);
            case OutboxKinds.ScheduleTimers:
                await ScheduleTimersAsync(agreementId, ct);
                return RowOutcome.Done(row);
            case OutboxKinds.StartProcess:
                // The row stays until the orchestration has begun: a start lost on its way is found only by looking again.
                return await process.StartAsync(agreementId, row.Timestamp ?? DateTimeOffset.UtcNow, ct) ? RowOutcome.Done(row) : RowOutcome.Later(NotStartedLookAgain);
            case OutboxKinds.SignalProcess:
                return await SignalProcessAsync(agreementId, row, ct);
            default:
                logger.LogError("Unknown outbox kind {Kind} in {AgreementId}/{Row}; left in place", row.GetString("Kind"), agreementId, row.RowKey);
                return RowOutcome.Skip;
        }
    }

    /// <summary>How soon a backstop row that found the change not yet looked at checks again.</summary>
    private static readonly TimeSpan LookAgainFor = TimeSpan.FromSeconds(1);

    /// <summary>How soon a backstop row whose orchestration had not started yet checks again.</summary>
    private static readonly TimeSpan NotStartedLookAgain = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The backstop of the engine's own signal, which usually got there first: nothing to do once the orchestration has
    /// looked at the change. Until the signal has had its time it only looks (a second signal would be a second look
    /// for nothing, costly when many decisions come at once); after that it signals.
    /// </summary>
    private async Task<RowOutcome> SignalProcessAsync(string agreementId, TableEntity row, CancellationToken ct)
    {
        var waited = DateTimeOffset.UtcNow - (row.Timestamp ?? DateTimeOffset.UtcNow);
        var backstop = TimeSpan.FromSeconds(processOptions.Value.SignalBackstopSeconds);
        var signal = waited >= backstop;
        var look = await process.SeenOrSignalAsync(agreementId, AgreementStore.OutboxVersion(row.RowKey), signal, ct);
        if (look == ProcessLook.Seen) return RowOutcome.Done(row);
        if (look == ProcessLook.NotStarted) return RowOutcome.Later(NotStartedLookAgain);
        if (signal) return RowOutcome.Done(row);
        var remaining = backstop - waited;
        return RowOutcome.Later(remaining < LookAgainFor ? remaining : LookAgainFor);
    }

    /// <summary>
    /// Writes the notices of the agreement's end still ahead (renewal notices, the expiry) into the by-date index the
    /// renewal-notice timer reads; its review and evaluation timers are its orchestration's. Notices its state no longer
    /// calls for stay, and pass without effect.
    /// </summary>
    private async Task ScheduleTimersAsync(string agreementId, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } stored) return;
        foreach (var timer in stored.Agreement.UpcomingTimers(clock.GetUtcNow(), policy).Where(t => t.IsEndNotice))
            await timers.UpsertAsync(agreementId, timer, ct);
    }

    private async Task MarkRenewedAsync(MarkRenewedPayload p, CancellationToken ct)
    {
        try
        {
            await engine.ExecuteAsSystemAsync(p.RenewedAgreementId, (a, now) =>
                a.IsRenewedBy(p.RenewalId) ? Change.Nothing : Change.Of(a.MarkRenewed(p.RenewalId, CommandContext.SystemActor, now)), ct);
        }
        catch (Exception e) when (e is InvalidMoveException or NotFoundException)
        {
            // The renewal is signed either way; the old agreement was already closed another way (e.g. terminated).
            logger.LogWarning("Agreement {Id} not marked renewed by {RenewalId}: {Message}", p.RenewedAgreementId, p.RenewalId, e.Message);
        }
    }

    // A queue message can stay invisible for at most 7 days.
    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > TimeSpan.FromDays(6) ? TimeSpan.FromDays(6) : wait;

    private static T Read<T>(TableEntity row) => JsonSerializer.Deserialize<T>(AgreementStore.Payload(row), SinergiJson.Options)!;
}
