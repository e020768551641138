using System.Text.Json;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Email;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Timers;
using Workflow.Orchestration;

namespace Workflow.Functions.Agreements;

/// <summary>What a command did: its events, extra side effects, and the answer to give (default: 200 with the agreement, when someone reads it).</summary>
public sealed record Change(
    IReadOnlyList<AgreementEvent> Events,
    IReadOnlyList<OutboxItem>? Outbox = null,
    Func<Agreement, int, DateTimeOffset, StoredResponse>? Answer = null)
{
    public static Change Of(AgreementEvent e) => new([e]);
    public static readonly Change Nothing = new([]);
}

/// <summary>
/// Runs commands: load the state, let the agreement check and make the move, commit events + outbox + state
/// in one transaction, then notify the dispatcher. A retried Idempotency-Key gets its first answer.
/// </summary>
public sealed class AgreementEngine(
    AgreementStore store, IDispatchNotifier notifier, IAgreementProcess process, TimeProvider clock, NoticePolicy policy, ILogger<AgreementEngine> logger)
{
    public async Task<StoredResponse> ExecuteAsync(string id, CommandContext context, Func<Agreement, DateTimeOffset, Change> move, CancellationToken ct)
    {
        if (context.Key is { } key && await store.FindAnswerAsync(id, key, ct) is { } first) return first;
        var known = await store.GetForCommandAsync(id, ct);
        if (known.FromCache)
        {
            // This instance's last known state is a guess that saves a read, kept only when its commit succeeds.
            // Anything else (any refusal, nothing to do, a lost race: maybe the agreement changed since) is decided
            // again on the state as stored.
            try
            {
                if (await ExecuteOnAsync(known, id, context, move, ct) is { } committed) return committed;
            }
            catch (Exception e) when (e is not OperationCanceledException) { }
            if (context.Key is { } retried && await store.FindAnswerAsync(id, retried, ct) is { } answered) return answered;
            known = await store.GetAsync(id, ct);
        }
        try
        {
            return (await ExecuteOnAsync(known, id, context, move, ct))!;
        }
        catch (ConcurrencyConflictException) when (context.Key is not null)
        {
            // The race was lost to a twin with the same key (a double click, a retry sent too soon): its answer is ours.
            if (await store.FindAnswerAsync(id, context.Key, ct) is { } twin) return twin;
            throw;
        }
    }

    /// <summary>Makes the move on this state and commits it; null when it came from the cache and changed nothing.</summary>
    private async Task<StoredResponse?> ExecuteOnAsync(
        StoredAgreement before, string id, CommandContext context, Func<Agreement, DateTimeOffset, Change> move, CancellationToken ct)
    {
        context.Authorize(before.Agreement);
        var previous = new ProjectPayload(before.Agreement.Status.ToString(), before.Agreement.ExpiresOn?.ToString("yyyy-MM-dd"));
        var now = clock.GetUtcNow();
        var agreement = before.Agreement;
        var change = move(agreement, now);
        var version = before.Version + change.Events.Count;
        // The agreement as an answer lists its whole history; it is read only when the answer is read or kept.
        var answerWithHistory = change.Answer is null && (context.WantsAnswer || context.Key is not null);
        var history = answerWithHistory ? (await store.HistoryAsync(before, ct)).With(change.Events) : before.History?.With(change.Events);
        var answer = change.Answer?.Invoke(agreement, version, now)
            ?? (answerWithHistory ? Json(200, Describe(agreement, history!, version, now, context.Caller)) : NoBody);
        if (change.Events.Count == 0) return before.FromCache ? null : answer;

        OutboxItem[] outbox =
            [.. Projections.Concern(change.Events) ? [Outbox(OutboxKinds.Project, previous)] : Array.Empty<OutboxItem>(), .. change.Outbox ?? [], .. Planned(id, change.Events)];
        await CommitAndNotifyAsync(id, before.Version,
            () => store.CommitAsync(agreement, before, change.Events, outbox, context.Key, answer, now, ct, history), ct);
        if (context.SignalsProcess && ProcessSignals.Concern(change.Events)) await SignalAsync(id, StepToAsk.Of(agreement));
        return answer;
    }

    /// <summary>
    /// Tells the agreement's orchestration at once, and which official now waits to be asked if one does. The command is
    /// committed and is answered whatever happens here: the outbox signals it again (ProcessPlanner), and the
    /// orchestration reads what happened from the record.
    /// </summary>
    private async Task SignalAsync(string id, StepToAsk? ask)
    {
        try { await process.SignalAsync(id, ask, CancellationToken.None); }
        catch (Exception e) { logger.LogWarning("Orchestration of {AgreementId} not signalled at once: {Message}", id, e.Message); }
    }

    /// <summary>The dispatch notice goes first: a commit without its notice could be left undispatched by a crash.</summary>
    private async Task CommitAndNotifyAsync(string id, int versionBefore, Func<Task> commit, CancellationToken ct)
    {
        await notifier.NoticeAsync(id, versionBefore, ct);
        await commit();
    }

    public async Task<StoredResponse> CreateAsync(
        string id, CommandContext context, Func<DateTimeOffset, (Agreement Agreement, AgreementEvent Event)> create,
        CancellationToken ct, DateTimeOffset? at = null)
    {
        if (context.Key is { } key && await store.FindAnswerAsync(id, key, ct) is { } first) return first;
        var now = at ?? clock.GetUtcNow();
        var (agreement, created) = create(now);
        var answer = Json(201, Describe(agreement, AgreementHistory.Empty, 1, now, context.Caller), $"/api/agreements/{agreement.Id}");
        OutboxItem[] outbox = [Outbox(OutboxKinds.Project, new ProjectPayload(null, null)), .. Planned(id, [created])];
        try
        {
            await CommitAndNotifyAsync(id, 0, () => store.CommitAsync(agreement, null, [created], outbox, context.Key, answer, now, ct, AgreementHistory.Empty), ct);
        }
        catch (ConcurrencyConflictException) when (context.Key is not null)
        {
            // A concurrent retry with the same key won the race: give its answer.
            return await store.FindAnswerAsync(id, context.Key, ct) ?? throw new ConcurrencyConflictException($"Perjanjian '{id}' sudah ada.");
        }
        return answer;
    }

    /// <summary>
    /// Starts a renewal: the old agreement records it (with an outbox row that creates the new one), and the new
    /// agreement is created at once so the answer is true; the outbox row covers a crash in between. 201 with the new agreement.
    /// </summary>
    public async Task<StoredResponse> StartRenewalAsync(string id, CommandContext context, int? validityMonths, CancellationToken ct)
    {
        var renewalId = context.NewAgreementId();
        CreateRenewalPayload? created = null;
        var response = await ExecuteAsync(id, context, (a, now) =>
        {
            var (started, seed) = a.StartRenewal(renewalId, validityMonths, context.Actor, now);
            var (renewal, _) = Agreement.Create(renewalId, seed, context.Actor, now);
            created = new CreateRenewalPayload(renewalId, seed, context.Actor, now);
            return new Change([started], [Outbox(OutboxKinds.CreateRenewal, created)],
                (_, _, _) => Json(201, Describe(renewal, AgreementHistory.Empty, 1, now, context.Caller), $"/api/agreements/{renewalId}"));
        }, ct);
        if (created is not null) await EnsureRenewalCreatedAsync(created, ct);
        return response;
    }

    /// <summary>Creates the renewal named by a RenewalStarted event, unless it exists already (idempotent).</summary>
    public async Task EnsureRenewalCreatedAsync(CreateRenewalPayload payload, CancellationToken ct)
    {
        if (await store.LoadAsync(payload.RenewalId, ct) is not null) return;
        try
        {
            await CreateAsync(payload.RenewalId, new CommandContext(payload.By, _ => { }, null, WantsAnswer: false),
                now => Agreement.Create(payload.RenewalId, payload.Seed, payload.By, now), ct, payload.At);
        }
        catch (ConcurrencyConflictException) { /* created meanwhile */ }
    }

    /// <summary>A command the system runs on its own (from the outbox, a timer, the orchestration): a lost race is retried, not reported.</summary>
    public async Task ExecuteAsSystemAsync(string id, Func<Agreement, DateTimeOffset, Change> move, CancellationToken ct, CommandContext? context = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(id, context ?? CommandContext.System(), move, ct);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                await Task.Delay(50 * attempt, ct);
            }
        }
    }

    /// <summary>The side effects the events themselves call for: emails, timers, marking a renewed agreement.</summary>
    private static IEnumerable<OutboxItem> Planned(string id, IReadOnlyList<AgreementEvent> events) =>
        [.. EmailPlanner.Plan(events), .. TimerPlanner.Plan(events), .. RenewalPlanner.Plan(id, events), .. ProcessPlanner.Plan(events)];

    public static OutboxItem Outbox<T>(string kind, T payload) => new(kind, JsonSerializer.Serialize(payload, SinergiJson.Options));

    public static StoredResponse Json<T>(int status, T body, string? location = null) =>
        new(status, JsonSerializer.Serialize(body, SinergiJson.Options), location);

    /// <summary>What a command answers when nobody reads its answer (a link, a page, the system itself).</summary>
    private static readonly StoredResponse NoBody = new(200, "", null);

    /// <summary>The agreement as the API shows it to <paramref name="caller"/> (none: a system answer, with no moves).</summary>
    public AgreementResponse Describe(Agreement a, AgreementHistory history, int version, DateTimeOffset now, Caller? caller) =>
        AgreementResponse.From(a, history, version, now, policy, caller.AllowedMoves(a, now));
}
