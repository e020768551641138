using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Agreements;

/// <param name="FromCache">Read from this instance's <see cref="StateCache"/>, not from storage: it may be stale.</param>
/// <param name="History">The agreement's history at <paramref name="Version"/>, when it is already known.</param>
/// <param name="StateRows">How many rows the snapshot takes (more than one only for very large agreements).</param>
public sealed record StoredAgreement(Agreement Agreement, int Version, string LastHash, ETag ETag, bool FromCache = false, AgreementHistory? History = null, int StateRows = 1);

/// <summary>A side effect still to do, written in the same transaction as the change that causes it.</summary>
public sealed record OutboxItem(string Kind, string Payload);

/// <summary>The answer given to a command, kept so that a retry with the same Idempotency-Key gets it again.</summary>
public sealed record StoredResponse(int StatusCode, string Body, string? Location)
{
    /// <summary>True when this is the first answer given again for a retried Idempotency-Key.</summary>
    public bool Replayed { get; init; }
}

public sealed record IdempotencyRecord(string KeyHash, string RequestHash);

public sealed record StoredEvent(int Seq, string Type, DateTimeOffset At, Actor Actor, string Data, string PreviousHash, string Hash);

/// <summary>
/// One partition per agreement: row <c>state</c>, events <c>e-{seq}</c>, outbox <c>o-{seq}-{n}</c>,
/// idempotency answers <c>i-{hash}</c>. A change is one entity group transaction guarded by the state's ETag.
/// The state holds what the rules need, so its size does not grow with the agreement's age; what piles up over a life
/// is read from the events (<see cref="AgreementHistory"/>). A snapshot too large for one row (possible only with
/// every field at its limit in a script that takes several bytes a character) goes on in rows <c>state-01</c>, ….
/// </summary>
public sealed class AgreementStore(StorageClients storage, StateCache cache, NoticePolicy policy)
{
    public const string StateRow = "state";
    public const string OutboxPrefix = "o-";

    /// <summary>The version of the commit that wrote an outbox row (<c>o-{seq}-{n}</c>).</summary>
    public static int OutboxVersion(string rowKey) => int.Parse(rowKey.AsSpan(OutboxPrefix.Length, 10), CultureInfo.InvariantCulture);
    private const string EventPrefix = "e-";
    private const string IdempotencyPrefix = "i-";
    /// <summary>An answer longer than this is kept in blob container <c>answers</c>, the row pointing to it.</summary>
    public const int InlineAnswerBytes = 256 * 1024;

    private TableClient Table => storage.Agreements;

    public async Task<StoredAgreement?> LoadAsync(string id, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(id, StateRow, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } row)
        {
            cache.Forget(id);
            return null;
        }
        var rows = row.GetInt32("SnapshotRows") ?? 1;
        IReadOnlyList<TableEntity> all = rows == 1 ? [row] : [row, .. await ReadMoreStateRowsAsync(id, ct)];
        var state = new CachedState(LargeText.Read(all, "Snapshot")!, row.GetInt32("Version") ?? 0, row.GetString("LastHash") ?? EventChain.Genesis, row.ETag, StateRows: rows);
        cache.Keep(id, state);
        return FromState(state, fromCache: false);
    }

    /// <summary>The state a command starts from: this instance's last known state when it has one (see <see cref="StateCache"/>).</summary>
    public async Task<StoredAgreement> GetForCommandAsync(string id, CancellationToken ct) =>
        cache.Find(id) is { } known ? FromState(known, fromCache: true) : await GetAsync(id, ct);

    private static StoredAgreement FromState(CachedState s, bool fromCache) =>
        new(JsonSerializer.Deserialize<Agreement>(s.Snapshot, SinergiJson.Options)!, s.Version, s.LastHash, s.ETag, fromCache, s.History, s.StateRows);

    private static string MoreStateRow(int n) => $"{StateRow}-{n:D2}";

    private async Task<IReadOnlyList<TableEntity>> ReadMoreStateRowsAsync(string id, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {MoreStateRow(1)} and RowKey le {MoreStateRow(99)}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    public async Task<StoredAgreement> GetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? throw new NotFoundException($"Perjanjian '{id}' tidak ditemukan.");

    /// <summary>The agreement's history at the stored version: known already, remembered by this instance, or folded from its events.</summary>
    public async Task<AgreementHistory> HistoryAsync(StoredAgreement stored, CancellationToken ct)
    {
        if (stored.History is { } known) return known;
        var id = stored.Agreement.Id;
        if (cache.Find(id) is { History: { } remembered } state && state.Version == stored.Version) return remembered;
        var types = string.Join(" or ", AgreementHistory.EventTypes.Select(t => TableClient.CreateQueryFilter($"Type eq {t}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {EventPrefix} and RowKey le {EventKey(stored.Version)}") + $" and ({types})";
        var events = await QueryEventsAsync(filter, ct);
        var history = StoredEvents.Fold(events);
        if (cache.Find(id) is { } same && same.Version == stored.Version)
            cache.Keep(id, same with { History = history, HistoryChars = events.Sum(e => (long)e.Data.Length) });
        return history;
    }

    /// <summary>The first answer to this key, or null. The same key with a different request is refused.</summary>
    public async Task<StoredResponse?> FindAnswerAsync(string agreementId, IdempotencyRecord key, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(agreementId, IdempotencyPrefix + key.KeyHash, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } row) return null;
        if (row.GetString("RequestHash") != key.RequestHash)
            throw new IdempotencyKeyReusedException("Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.");
        var body = row.GetString("BodyBlob") is { } blob
            ? (await storage.Answers.GetBlobClient(blob).DownloadContentAsync(ct)).Value.Content.ToString()
            : LargeText.Read(row, "Body") ?? "";
        return new StoredResponse(row.GetInt32("StatusCode") ?? 200, body, row.GetString("Location")) { Replayed = true };
    }

    /// <summary>
    /// Writes the events, the outbox, the idempotency answer and the new state as one transaction.
    /// <paramref name="before"/> is null for a new agreement, which must not exist yet. <paramref name="history"/>, the
    /// history after these events when the caller knows it, is remembered with the state.
    /// </summary>
    public async Task CommitAsync(
        Agreement after, StoredAgreement? before, IReadOnlyList<AgreementEvent> events, IReadOnlyList<OutboxItem> outbox,
        IdempotencyRecord? key, StoredResponse? answer, DateTimeOffset now, CancellationToken ct, AgreementHistory? history = null)
    {
        var actions = new List<TableTransactionAction>();
        var hash = before?.LastHash ?? EventChain.Genesis;
        var seq = before?.Version ?? 0;
        long historyChars = 0;
        foreach (var evt in events)
        {
            seq++;
            var (row, data) = EventRow(after.Id, seq, evt, hash);
            hash = row.GetString("Hash")!;
            if (AgreementHistory.EventTypes.Contains(evt.Type)) historyChars += data.Length;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        for (var n = 0; n < outbox.Count; n++)
        {
            var row = new TableEntity(after.Id, $"{OutboxPrefix}{seq:D10}-{n:D2}")
            {
                ["Kind"] = outbox[n].Kind,
                ["CreatedAt"] = now,
                ["DueAt"] = now,
                ["Attempts"] = 0,
            };
            LargeText.Write(row, "Payload", outbox[n].Payload); // a renewal's seed carries the whole scope
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        var snapshot = JsonSerializer.Serialize(after, SinergiJson.Options);
        var (state, moreState) = StateEntities(after, snapshot, seq, hash, now, policy);
        string? answerBlob = null;
        if (key is not null && answer is not null)
        {
            var row = new TableEntity(after.Id, IdempotencyPrefix + key.KeyHash)
            {
                ["RequestHash"] = key.RequestHash,
                ["StatusCode"] = answer.StatusCode,
                ["Location"] = answer.Location,
                ["EventSeq"] = seq,
                ["CreatedAt"] = now,
            };
            if (LargeText.Bytes(answer.Body) > InlineAnswerBytes)
            {
                // Named afresh each try: a lost race must not overwrite the answer the winner's row points to.
                answerBlob = $"{after.Id}/{key.KeyHash}-{Guid.NewGuid():N}.json";
                await storage.Answers.GetBlobClient(answerBlob).UploadAsync(BinaryData.FromString(answer.Body), ct);
                row["BodyBlob"] = answerBlob;
            }
            else LargeText.Write(row, "Body", answer.Body);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        // The further state rows need no ETag of their own: the state row's If-Match guards the whole transaction.
        actions.AddRange(moreState.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
        for (var n = moreState.Count + 1; n < (before?.StateRows ?? 1); n++)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(after.Id, MoreStateRow(n)), ETag.All));
        actions.Add(before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, state)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, before.ETag));

        try
        {
            BatchLimits.Check(actions);
            var responses = await Table.SubmitTransactionAsync(actions, ct);
            if (responses.Value[^1].Headers.ETag is { } etag)
            {
                var chars = history is null ? 0 : (cache.Find(after.Id)?.HistoryChars ?? 0) + historyChars;
                cache.Keep(after.Id, new CachedState(snapshot, seq, hash, etag, history, chars, moreState.Count + 1));
            }
            else cache.Forget(after.Id);
        }
        catch (Exception e)
        {
            cache.Forget(after.Id); // whatever happened, this instance no longer knows the state
            if (answerBlob is not null) await DeleteAnswerBlobAsync(answerBlob);
            if (e is TableTransactionFailedException { Status: 409 or 412 })
                throw new ConcurrencyConflictException(before is null
                    ? $"Perjanjian '{after.Id}' sudah ada."
                    : "Perjanjian ini baru saja diubah oleh permintaan lain; muat ulang lalu coba lagi.");
            throw;
        }
    }

    private async Task DeleteAnswerBlobAsync(string name)
    {
        try { await storage.Answers.GetBlobClient(name).DeleteIfExistsAsync(); }
        catch (RequestFailedException) { /* an orphan answer is harmless: no row points to it */ }
    }

    private static string EventKey(int seq) => $"{EventPrefix}{seq:D10}";

    private static (TableEntity Row, string Data) EventRow(string id, int seq, AgreementEvent evt, string previousHash)
    {
        var data = JsonSerializer.Serialize(evt, evt.GetType(), SinergiJson.Options);
        var row = new TableEntity(id, EventKey(seq))
        {
            ["Type"] = evt.Type,
            ["Seq"] = seq,
            ["At"] = evt.At,
            ["ActorEmail"] = evt.By.Email,
            ["ActorName"] = evt.By.Name,
            ["ActorAddress"] = evt.By.Address,
            ["PrevHash"] = previousHash,
            ["Hash"] = EventChain.Hash(previousHash, seq, evt.Type, evt.At, evt.By.Email, data),
        };
        LargeText.Write(row, "Data", data);
        return (row, data);
    }

    /// <summary>The snapshot, and beside it the columns that lists and the dashboard read without opening it; further rows if the snapshot needs them.</summary>
    private static (TableEntity State, IReadOnlyList<TableEntity> More) StateEntities(Agreement a, string snapshot, int version, string lastHash, DateTimeOffset now, NoticePolicy policy)
    {
        var row = new TableEntity(a.Id, StateRow)
        {
            ["ParentAgreementId"] = a.ParentAgreementId,
            ["EffectiveFrom"] = a.EffectiveFrom?.ToString("yyyy-MM-dd"),
            ["Areas"] = string.Join(",", a.Scope.Select(s => s.Area).Distinct()),
            ["EvaluationDueOn"] = a.NextEvaluationDue(policy)?.ToString("yyyy-MM-dd"),
            ["ItemDueOn"] = a.EarliestOpenItemDue?.ToString("yyyy-MM-dd"),
            ["ReviewDueAt"] = a.CurrentReviewDeadline,
            ["Status"] = a.Status.ToString(),
            ["Kind"] = a.Kind.ToString(),
            ["InstitutionId"] = a.InstitutionId,
            ["RegionId"] = a.RegionId,
            ["PartnerId"] = a.PartnerId,
            ["Title"] = a.Title,
            ["ExpiresOn"] = a.ExpiresOn?.ToString("yyyy-MM-dd"),
            ["Imported"] = a.Signing?.Imported == true,
            ["Version"] = version,
            ["LastHash"] = lastHash,
            ["UpdatedAt"] = now,
        };
        var more = LargeText.WriteSpread(row, "Snapshot", snapshot, n => new TableEntity(a.Id, MoreStateRow(n)));
        row["SnapshotRows"] = more.Count + 1;
        return (row, more);
    }

    /// <summary>
    /// The events of the agreement read as <paramref name="read"/>, and the state they lead to. State and events are two
    /// reads: a commit landing between them shows as more events than the state's version, so both are read again (a
    /// few times at most; a difference that stays is the history's own, for the hash chain's check to report).
    /// </summary>
    public async Task<(StoredAgreement State, IReadOnlyList<StoredEvent> Events)> WithEventsAsync(StoredAgreement read, CancellationToken ct)
    {
        var state = read;
        for (var attempt = 1; ; attempt++)
        {
            var events = await ReadEventsAsync(state.Agreement.Id, ct);
            if (events.Count == state.Version || attempt == 3) return (state, events);
            state = await GetAsync(state.Agreement.Id, ct);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string id, CancellationToken ct) =>
        QueryEventsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {EventPrefix} and RowKey lt {"e."}"), ct);

    private async Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(string filter, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            events.Add(new StoredEvent(
                row.GetInt32("Seq") ?? 0,
                row.GetString("Type") ?? "",
                row.GetDateTimeOffset("At") ?? default,
                new Actor(row.GetString("ActorEmail") ?? "", row.GetString("ActorName") ?? "", row.GetString("ActorAddress")),
                LargeText.Read(row, "Data") ?? "",
                row.GetString("PrevHash") ?? "",
                row.GetString("Hash") ?? ""));
        return events;
    }

    /// <summary>An outbox row's payload (rows written before it went through <see cref="LargeText"/> held it as one string).</summary>
    public static string Payload(TableEntity row) => LargeText.Read(row, "Payload") ?? row.GetString("Payload") ?? "{}";

    public async Task<IReadOnlyList<TableEntity>> ReadOutboxAsync(string id, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {OutboxPrefix} and RowKey lt {"o."}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }

    /// <summary>Changes an outbox row if nobody else has since; false when another dispatcher got there first.</summary>
    public async Task<bool> TryUpdateOutboxRowAsync(TableEntity row, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, ct);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { return false; }
    }

    public async Task DeleteOutboxRowAsync(TableEntity row, CancellationToken ct)
    {
        try { await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, ct); }
        catch (RequestFailedException e) when (e.Status is 404 or 412) { /* another dispatcher took it */ }
    }
}
