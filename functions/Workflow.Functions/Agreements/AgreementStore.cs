using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Agreements;

/// <param name="FromCache">Read from this instance's <see cref="StateCache"/>, not from storage: it may be stale.</param>
public sealed record StoredAgreement(Agreement Agreement, int Version, string LastHash, ETag ETag, bool FromCache = false);

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
/// </summary>
public sealed class AgreementStore(StorageClients storage, StateCache cache, NoticePolicy policy)
{
    public const string StateRow = "state";
    public const string OutboxPrefix = "o-";
    private const string EventPrefix = "e-";
    private const string IdempotencyPrefix = "i-";

    private TableClient Table => storage.Agreements;

    public async Task<StoredAgreement?> LoadAsync(string id, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(id, StateRow, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } row)
        {
            cache.Forget(id);
            return null;
        }
        var state = new CachedState(LargeText.Read(row, "Snapshot")!, row.GetInt32("Version") ?? 0, row.GetString("LastHash") ?? EventChain.Genesis, row.ETag);
        cache.Keep(id, state);
        return FromState(state, fromCache: false);
    }

    /// <summary>The state a command starts from: this instance's last known state when it has one (see <see cref="StateCache"/>).</summary>
    public async Task<StoredAgreement> GetForCommandAsync(string id, CancellationToken ct) =>
        cache.Find(id) is { } known ? FromState(known, fromCache: true) : await GetAsync(id, ct);

    private static StoredAgreement FromState(CachedState s, bool fromCache) =>
        new(JsonSerializer.Deserialize<Agreement>(s.Snapshot, SinergiJson.Options)!, s.Version, s.LastHash, s.ETag, fromCache);

    public async Task<StoredAgreement> GetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? throw new NotFoundException($"Perjanjian '{id}' tidak ditemukan.");

    /// <summary>The first answer to this key, or null. The same key with a different request is refused.</summary>
    public async Task<StoredResponse?> FindAnswerAsync(string agreementId, IdempotencyRecord key, CancellationToken ct)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(agreementId, IdempotencyPrefix + key.KeyHash, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } row) return null;
        if (row.GetString("RequestHash") != key.RequestHash)
            throw new IdempotencyKeyReusedException("Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.");
        return new StoredResponse(row.GetInt32("StatusCode") ?? 200, LargeText.Read(row, "Body") ?? "", row.GetString("Location")) { Replayed = true };
    }

    /// <summary>
    /// Writes the events, the outbox, the idempotency answer and the new state as one transaction.
    /// <paramref name="before"/> is null for a new agreement, which must not exist yet.
    /// </summary>
    public async Task CommitAsync(
        Agreement after, StoredAgreement? before, IReadOnlyList<AgreementEvent> events, IReadOnlyList<OutboxItem> outbox,
        IdempotencyRecord? key, StoredResponse? answer, DateTimeOffset now, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        var hash = before?.LastHash ?? EventChain.Genesis;
        var seq = before?.Version ?? 0;
        foreach (var evt in events)
        {
            seq++;
            var row = EventRow(after.Id, seq, evt, hash);
            hash = row.GetString("Hash")!;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        for (var n = 0; n < outbox.Count; n++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(after.Id, $"{OutboxPrefix}{seq:D10}-{n:D2}")
            {
                ["Kind"] = outbox[n].Kind,
                ["Payload"] = outbox[n].Payload,
                ["CreatedAt"] = now,
                ["DueAt"] = now,
                ["Attempts"] = 0,
            }));
        }
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
            LargeText.Write(row, "Body", answer.Body);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        var snapshot = JsonSerializer.Serialize(after, SinergiJson.Options);
        var state = StateEntity(after, snapshot, seq, hash, now, policy);
        actions.Add(before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, state)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, before.ETag));

        BatchLimits.Check(actions);
        try
        {
            var responses = await Table.SubmitTransactionAsync(actions, ct);
            if (responses.Value[^1].Headers.ETag is { } etag) cache.Keep(after.Id, new CachedState(snapshot, seq, hash, etag));
            else cache.Forget(after.Id);
        }
        catch (Exception e)
        {
            cache.Forget(after.Id); // whatever happened, this instance no longer knows the state
            if (e is TableTransactionFailedException { Status: 409 or 412 })
                throw new ConcurrencyConflictException(before is null
                    ? $"Perjanjian '{after.Id}' sudah ada."
                    : "Perjanjian ini baru saja diubah oleh permintaan lain; muat ulang lalu coba lagi.");
            throw;
        }
    }

    private static TableEntity EventRow(string id, int seq, AgreementEvent evt, string previousHash)
    {
        var data = JsonSerializer.Serialize(evt, evt.GetType(), SinergiJson.Options);
        var row = new TableEntity(id, $"{EventPrefix}{seq:D10}")
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
        return row;
    }

    /// <summary>The snapshot, and beside it the columns that lists and the dashboard read without opening it.</summary>
    private static TableEntity StateEntity(Agreement a, string snapshot, int version, string lastHash, DateTimeOffset now, NoticePolicy policy)
    {
        var row = new TableEntity(a.Id, StateRow)
        {
            ["ParentAgreementId"] = a.ParentAgreementId,
            ["EffectiveFrom"] = a.EffectiveFrom?.ToString("yyyy-MM-dd"),
            ["Areas"] = string.Join(",", a.Scope.Select(s => s.Area).Distinct()),
            ["EvaluationDueOn"] = a.NextEvaluationDue(policy)?.ToString("yyyy-MM-dd"),
            ["ReviewDueAt"] = a.CurrentReviewDeadline,
            ["Status"] = a.Status.ToString(),
            ["Kind"] = a.Kind.ToString(),
            ["InstitutionId"] = a.InstitutionId,
            ["RegionId"] = a.RegionId,
            ["PartnerId"] = a.PartnerId,
            ["Title"] = a.Title,
            ["ExpiresOn"] = a.ExpiresOn?.ToString("yyyy-MM-dd"),
            ["Version"] = version,
            ["LastHash"] = lastHash,
            ["UpdatedAt"] = now,
        };
        LargeText.Write(row, "Snapshot", snapshot);
        return row;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(string id, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {EventPrefix} and RowKey lt {"e."}");
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
