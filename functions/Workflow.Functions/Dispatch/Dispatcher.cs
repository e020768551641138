using System.Text.Json;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// Does what an agreement's outbox rows ask, then deletes them. Delivery is at least once: each
/// handler is safe to run twice.
/// </summary>
public sealed class Dispatcher(AgreementStore store, Projections projections, AgreementEngine engine, ILogger<Dispatcher> logger)
{
    public async Task<int> DispatchAsync(string agreementId, CancellationToken ct)
    {
        var rows = await store.ReadOutboxAsync(agreementId, ct);
        if (rows.Count == 0) return 0;

        var projects = new List<ProjectPayload>();
        foreach (var row in rows)
        {
            var kind = row.GetString("Kind");
            var payload = row.GetString("Payload") ?? "{}";
            switch (kind)
            {
                case OutboxKinds.Project:
                    projects.Add(Read<ProjectPayload>(payload));
                    break;
                case OutboxKinds.CreateRenewal:
                    await engine.EnsureRenewalCreatedAsync(Read<CreateRenewalPayload>(payload), ct);
                    break;
                case OutboxKinds.MarkRenewed:
                    await MarkRenewedAsync(Read<MarkRenewedPayload>(payload), ct);
                    break;
                default:
                    logger.LogError("Unknown outbox kind {Kind} in {AgreementId}/{Row}; left in place", kind, agreementId, row.RowKey);
                    continue;
            }
        }
        if (projects.Count > 0) await projections.ProjectAsync(agreementId, projects, ct);
        foreach (var row in rows.Where(r => r.GetString("Kind") is OutboxKinds.Project or OutboxKinds.CreateRenewal or OutboxKinds.MarkRenewed))
            await store.DeleteOutboxRowAsync(row, ct);
        return rows.Count;
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

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, SinergiJson.Options)!;
}
