using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Approvals;
using Workflow.Functions.Directory;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Email;

/// <summary>
/// Delivers one email outbox row: claims it (so two dispatchers do not both send), renders it from the
/// agreement as it is now, sends it, and on failure either schedules another try or, after the last,
/// records the failure in the agreement's history.
/// </summary>
public sealed class EmailDelivery(
    AgreementStore store, DirectoryStore directory, ApprovalTokens tokens, IEmailTransport transport, AgreementEngine engine,
    IOptions<EmailOptions> options, TimeProvider clock, ILogger<EmailDelivery> logger)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public async Task<RowOutcome> DeliverAsync(TableEntity row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueAt = row.GetDateTimeOffset("DueAt") ?? now;
        if (dueAt > now) return RowOutcome.Later(dueAt - now);
        row["DueAt"] = now + ClaimFor;
        if (!await store.TryUpdateOutboxRowAsync(row, ct)) return RowOutcome.Skip;

        var payload = JsonSerializer.Deserialize<EmailPayload>(row.GetString("Payload"), SinergiJson.Options)!;
        var outboxId = $"{row.PartitionKey}/{row.RowKey}";
        var message = await RenderAsync(row.PartitionKey, payload, outboxId, ct);
        if (message is null) return RowOutcome.Done(row);

        var result = await transport.SendAsync(message, ct);
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        if (result.Outcome == SendOutcome.Sent)
        {
            logger.LogInformation("Email {OutboxId} ({Template}) sent to {To}", outboxId, payload.Template, string.Join(", ", message.To.Select(t => t.Email)));
            return RowOutcome.Done(row);
        }

        var delays = options.Value.RetryDelays;
        if (result.Outcome == SendOutcome.Transient && attempts <= delays.Count)
        {
            var delay = TimeSpan.FromSeconds(delays[attempts - 1]);
            logger.LogWarning("Email {OutboxId} not sent (try {Attempts}), again in {Delay}: {Detail}", outboxId, attempts, delay, result.Detail);
            row["Attempts"] = attempts;
            row["DueAt"] = clock.GetUtcNow() + delay;
            row["LastError"] = result.Detail;
            return await store.TryUpdateOutboxRowAsync(row, ct) ? RowOutcome.Later(delay) : RowOutcome.Skip;
        }

        logger.LogError("Email {OutboxId} failed for good after {Attempts} tries: {Detail}", outboxId, attempts, result.Detail);
        await engine.ExecuteAsSystemAsync(row.PartitionKey, (a, at) => Change.Of(a.RecordNotificationFailure(
            outboxId, payload.Template, message.To.Select(t => t.Email).ToList(), message.Subject, attempts, result.Detail, CommandContext.SystemActor, at)), ct);
        return RowOutcome.Done(row);
    }

    private async Task<EmailMessage?> RenderAsync(string agreementId, EmailPayload payload, string outboxId, CancellationToken ct)
    {
        var a = (await store.LoadAsync(agreementId, ct))?.Agreement;
        var round = a?.ReviewRounds.FirstOrDefault(r => r.Round == payload.Round);
        if (a is null || round is null) return null;
        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct);
        var partner = await directory.FindPartnerAsync(a.PartnerId, ct);
        if (institution is null || partner is null) return null;

        if (payload.Template == EmailTemplateNames.ApprovalRequest)
        {
            var step = round.Steps.FirstOrDefault(s => s.Step == payload.Step);
            // Decided, or the round closed, before this email left: a link to it would only be refused.
            if (step is null || step.Decision is not null || round.Outcome != ReviewRoundOutcome.Open) return null;
            var started = round.CurrentStepStartedAt(step) ?? clock.GetUtcNow();
            var token = tokens.Issue(a.Id, round.Round, step.Step, step.Email);
            var mail = EmailTemplates.ApprovalRequest(a, institution, partner, round, step, started.AddDays(step.DaysAllowed),
                tokens.Link(token), tokens.Link(token, "/draft"));
            return new EmailMessage([new Recipient(step.Email, step.Name)], mail.Subject, mail.Text, mail.Html, outboxId);
        }
        if (payload.Template == EmailTemplateNames.RoundClosed && round.Outcome != ReviewRoundOutcome.Open)
        {
            var mail = EmailTemplates.RoundClosed(a, institution, partner, round);
            var to = new[] { new Recipient(round.SubmittedBy, round.SubmittedBy), new Recipient(institution.HeadEmail, institution.HeadName) }
                .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
            return new EmailMessage(to, mail.Subject, mail.Text, mail.Html, outboxId);
        }
        logger.LogError("Email template {Template} of {AgreementId} cannot be rendered; dropped", payload.Template, agreementId);
        return null;
    }
}
