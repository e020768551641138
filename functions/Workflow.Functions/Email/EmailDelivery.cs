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
    AgreementStore store, DirectoryStore directory, ApprovalTokens tokens, Partners.PartnerLinks partnerLinks, EmailTemplates templates, IEmailTransport transport, AgreementEngine engine,
    IOptions<EmailOptions> options, IOptions<EngineOptions> engineOptions, TimeProvider clock, ILogger<EmailDelivery> logger)
{
    private TimeSpan ClaimFor => TimeSpan.FromSeconds(engineOptions.Value.DispatchLeaseSeconds);

    public async Task<RowOutcome> DeliverAsync(TableEntity row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var dueAt = row.GetDateTimeOffset("DueAt") ?? now;
        if (dueAt > now) return RowOutcome.Later(dueAt - now);
        row["DueAt"] = now + ClaimFor;
        if (!await store.TryUpdateOutboxRowAsync(row, ct)) return RowOutcome.Skip;

        var payload = JsonSerializer.Deserialize<EmailPayload>(AgreementStore.Payload(row), SinergiJson.Options)!;
        var outboxId = $"{row.PartitionKey}/{row.RowKey}";
        var message = await RenderAsync(row.PartitionKey, payload, outboxId, ct);
        if (message is null) return RowOutcome.Done(row);

        SendResult result;
        try { result = await transport.SendAsync(message, ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Whatever the transport did not foresee is tried again like any passing failure, never left claimed.
            result = SendResult.Transient($"{e.GetType().Name}: {e.Message}");
        }
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
            row["LastError"] = result.Detail.Length > 2000 ? result.Detail[..2000] : result.Detail;
            return await store.TryUpdateOutboxRowAsync(row, ct) ? RowOutcome.Later(delay) : RowOutcome.Skip;
        }

        logger.LogError("Email {OutboxId} failed for good after {Attempts} tries: {Detail}", outboxId, attempts, result.Detail);
        await engine.ExecuteAsSystemAsync(row.PartitionKey, (a, at) => Change.Of(a.RecordNotificationFailure(
            outboxId, payload.Template, message.To.Select(t => t.Email).ToList(), message.Subject, attempts, result.Detail, CommandContext.SystemActor, at)), ct);
        return RowOutcome.Done(row);
    }

    private async Task<EmailMessage?> RenderAsync(string agreementId, EmailPayload p, string outboxId, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } stored) return null;
        var a = stored.Agreement;
        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct);
        var partner = await directory.FindPartnerAsync(a, ct);
        if (institution is null || partner is null) return null;
        var head = new Recipient(institution.HeadEmail, institution.HeadName);
        // The contact this institution's notices go to; none when nobody with the right to give one has.
        IEnumerable<Recipient> partnerContact = partner.ContactEmail.Length > 0 ? [new Recipient(partner.ContactEmail, partner.ContactName)] : [];
        // Only a "round closed" email can be about a round a newer one has replaced: then the history is read.
        var round = a.LatestRound?.Round == p.Round ? a.LatestRound
            : p.Template == EmailTemplateNames.RoundClosed && p.Round > 0 ? (await store.HistoryAsync(stored, ct)).Round(p.Round) : null;
        var step = round?.Steps.FirstOrDefault(s => s.Step == p.Step);

        // Kanwil heads are read only for the notices that go to them.
        async Task<(RenderedEmail, IEnumerable<Recipient>)> Notice(string name, IEnumerable<Recipient> to, bool kanwil, params object?[] args) =>
            (await templates.NoticeAsync(a, institution, partner, name, args), kanwil ? [.. to, .. await KanwilAsync(a, ct)] : to);
        IEnumerable<Recipient> everyone = [head, .. partnerContact];

        (RenderedEmail Mail, IEnumerable<Recipient> To)? email = p.Template switch
        {
            // Decided, or the round closed, before this email left: a link to it would only be refused.
            EmailTemplateNames.ApprovalRequest or EmailTemplateNames.ReviewReminder when step is not null && step.Decision is null && round!.Outcome == ReviewRoundOutcome.Open =>
                await ApprovalRequestAsync(a, institution, partner, round, step, p),
            EmailTemplateNames.ReviewEscalation when step is not null && step.Decision is null && round!.Outcome == ReviewRoundOutcome.Open =>
                await Notice("ReviewEscalation", [head], kanwil: step.Role == ReviewerRole.Kanwil, step.Step, step.Name, step.Email, round.DraftVersion, step.DaysAllowed),
            EmailTemplateNames.RoundClosed when round is not null && round.Outcome != ReviewRoundOutcome.Open =>
                (await templates.RoundClosedAsync(a, institution, partner, round), [new Recipient(round.SubmittedBy, round.SubmittedBy), head]),
            EmailTemplateNames.RenewalNotice when a.ExpiresOn is { } expires => await Notice("RenewalNotice", everyone, kanwil: true, expires, p.Days),
            EmailTemplateNames.Expired when a.ExpiresOn is { } expires => await Notice("Expired", everyone, kanwil: true, expires),
            EmailTemplateNames.Imported when a.Signing is { Imported: true } signing =>
                await Notice("Imported", [head], kanwil: false, a.CreatedBy, signing.SignedOn, signing.Place),
            EmailTemplateNames.EvaluationReminder when p.DueOn is { } dueOn =>
                await Notice(p.Overdue ? "EvaluationOverdue" : "EvaluationDue", [head, new Recipient(a.CreatedBy, a.CreatedBy)], kanwil: p.Overdue, p.Number, dueOn),
            // Told even when withdrawn meanwhile (the withdrawal's own notice follows): it was recorded.
            EmailTemplateNames.TerminationScheduled when p.DueOn is { } effective =>
                await Notice("TerminationScheduled", everyone, kanwil: true, effective, p.Reason ?? "-"),
            EmailTemplateNames.TerminationWithdrawn when a.ScheduledTermination is null && a.Status == AgreementStatus.Active && p.DueOn is { } day =>
                await Notice("TerminationWithdrawn", everyone, kanwil: true, day, a.ExpiresOn!.Value),
            EmailTemplateNames.Terminated when a is { Status: AgreementStatus.Terminated, Termination: { } t } =>
                await Notice("Terminated", everyone, kanwil: true, t.EffectiveOn, t.Reason),
            // Revoked or replaced before it left: the link would only be refused.
            EmailTemplateNames.PartnerLink when p.LinkId is { } linkId && a.PartnerLinkValid(linkId, clock.GetUtcNow()) && a.PartnerLink is { } link =>
                await Notice("PartnerLink", partnerContact, kanwil: false, partnerLinks.Url(a.Id, link).AbsoluteUri, DateOnly.FromDateTime(link.ExpiresAt.UtcDateTime)),
            _ => null,
        };
        if (email is not { } e)
        {
            logger.LogInformation("Email {OutboxId} ({Template}) no longer applies; not sent", outboxId, p.Template);
            return null;
        }
        var to = e.To.DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return new EmailMessage(to, e.Mail.Subject, e.Mail.Text, e.Mail.Html, outboxId);
    }

    private async Task<(RenderedEmail, IEnumerable<Recipient>)> ApprovalRequestAsync(Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, EmailPayload p)
    {
        var started = round.CurrentStepStartedAt(step) ?? clock.GetUtcNow();
        var token = tokens.Issue(a.Id, round.Round, step.Step, step.Email);
        var subject = p.Template != EmailTemplateNames.ReviewReminder ? "Mail.Approval.Subject" : p.Overdue ? "Mail.Approval.OverdueSubject" : "Mail.Approval.ReminderSubject";
        var mail = await templates.ApprovalRequestAsync(a, institution, partner, round, step, started.AddDays(step.DaysAllowed), tokens.Link(token), tokens.Link(token, "/draft"), subject);
        return (mail, [new Recipient(step.Email, step.Name)]);
    }

    /// <summary>The heads of the Kanwil institutions of the agreement's region.</summary>
    private async Task<IEnumerable<Recipient>> KanwilAsync(Agreement a, CancellationToken ct) =>
        (await directory.ListInstitutionsAsync(ct)).Where(i => i.Kind == InstitutionKind.Kanwil && i.RegionId == a.RegionId)
            .Select(i => new Recipient(i.HeadEmail, i.HeadName));

}
