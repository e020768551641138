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

        (RenderedEmail Mail, IEnumerable<Recipient> To)? email = p.Template switch
        {
            // Decided, or the round closed, before this email left: a link to it would only be refused.
            EmailTemplateNames.ApprovalRequest or EmailTemplateNames.ReviewReminder when step is not null && step.Decision is null && round!.Outcome == ReviewRoundOutcome.Open =>
                ApprovalRequest(a, institution, partner, round, step, p),
            EmailTemplateNames.ReviewEscalation when step is not null && step.Decision is null && round!.Outcome == ReviewRoundOutcome.Open =>
                (EmailTemplates.Notice(a, institution, partner, "Reviu terlambat",
                    [$"Langkah {step.Step} ({step.Name}, {step.Email}) belum memutuskan draf versi {round.DraftVersion} dan telah melewati batas {step.DaysAllowed} hari.",
                     "Mohon tindak lanjuti dengan pejabat tersebut."],
                    [$"Step {step.Step} ({step.Name}) has not decided within {step.DaysAllowed} days; please follow up."]),
                 step.Role == ReviewerRole.Kanwil ? [head, .. await KanwilAsync(a, ct)] : [head]),
            EmailTemplateNames.RoundClosed when round is not null && round.Outcome != ReviewRoundOutcome.Open =>
                (EmailTemplates.RoundClosed(a, institution, partner, round), [new Recipient(round.SubmittedBy, round.SubmittedBy), head]),
            EmailTemplateNames.RenewalNotice when a.ExpiresOn is { } expires =>
                (EmailTemplates.Notice(a, institution, partner, $"Berakhir dalam {p.Days} hari",
                    [$"Perjanjian ini berakhir pada {Html.DateId(expires)}, {p.Days} hari lagi.",
                     "Bila kerja sama akan dilanjutkan, catat evaluasi terakhir lalu mulai perpanjangan di Sinergi."],
                    [$"This agreement expires on {Html.DateEn(expires)}, in {p.Days} days. To continue, record an evaluation and start a renewal."]),
                 [head, .. partnerContact, .. await KanwilAsync(a, ct)]),
            EmailTemplateNames.Expired when a.ExpiresOn is { } expires =>
                (EmailTemplates.Notice(a, institution, partner, "Berakhir hari ini",
                    [$"Masa berlaku perjanjian ini berakhir hari ini, {Html.DateId(expires)}. Perjanjian tetap tersimpan dengan status Kedaluwarsa."],
                    [$"This agreement expires today, {Html.DateEn(expires)}. It stays on record as Expired."]),
                 [head, .. partnerContact, .. await KanwilAsync(a, ct)]),
            EmailTemplateNames.Imported when a.Signing is { Imported: true } signing =>
                (EmailTemplates.Notice(a, institution, partner, "Perjanjian impor dicatat",
                    [$"{a.CreatedBy} mencatat perjanjian ini di Sinergi sebagai perjanjian yang ditandatangani sebelumnya, pada {Html.DateId(signing.SignedOn)} di {signing.Place}.",
                     "Bila Anda tidak mengenali perjanjian ini, hubungi Kanwil atau admin Sinergi."],
                    [$"{a.CreatedBy} recorded this agreement in Sinergi as signed before, on {Html.DateEn(signing.SignedOn)} at {signing.Place}. If you do not recognise it, contact the Kanwil or the Sinergi admin."]),
                 [head]),
            EmailTemplateNames.EvaluationReminder when p.DueOn is { } dueOn =>
                (EmailTemplates.Notice(a, institution, partner, p.Overdue ? $"Evaluasi ke-{p.Number} terlambat" : $"Evaluasi ke-{p.Number} jatuh tempo",
                    [p.Overdue
                        ? $"Evaluasi ke-{p.Number} jatuh tempo pada {Html.DateId(dueOn)} dan belum dicatat."
                        : $"Evaluasi ke-{p.Number} jatuh tempo hari ini, {Html.DateId(dueOn)}.", "Catat hasil evaluasi (dan rekomendasinya) di Sinergi."],
                    [p.Overdue ? $"Evaluation {p.Number}, due on {Html.DateEn(dueOn)}, has not been recorded." : $"Evaluation {p.Number} is due today, {Html.DateEn(dueOn)}."]),
                 p.Overdue ? [head, new Recipient(a.CreatedBy, a.CreatedBy), .. await KanwilAsync(a, ct)] : [head, new Recipient(a.CreatedBy, a.CreatedBy)]),
            // Told even when withdrawn meanwhile (the withdrawal's own notice follows): it was recorded.
            EmailTemplateNames.TerminationScheduled when p.DueOn is { } effective =>
                (EmailTemplates.Notice(a, institution, partner, $"Diakhiri per {Html.DateId(effective)}",
                    [$"Pengakhiran perjanjian ini dicatat, berlaku {Html.DateId(effective)}. Alasan: {Html.OneLine(p.Reason ?? "-")}",
                     "Sampai tanggal itu perjanjian tetap berlaku, dan pengakhiran masih dapat dibatalkan di Sinergi."],
                    [$"The termination of this agreement was recorded, effective {Html.DateEn(effective)}. It stays in force until then and can still be withdrawn."]),
                 [head, .. partnerContact, .. await KanwilAsync(a, ct)]),
            EmailTemplateNames.TerminationWithdrawn when a.ScheduledTermination is null && a.Status == AgreementStatus.Active && p.DueOn is { } day =>
                (EmailTemplates.Notice(a, institution, partner, "Pengakhiran dibatalkan",
                    [$"Pengakhiran yang dijadwalkan berlaku {Html.DateId(day)} dibatalkan. Perjanjian tetap berlaku sampai {Html.DateId(a.ExpiresOn!.Value)}."],
                    [$"The termination scheduled for {Html.DateEn(day)} was withdrawn. The agreement stays in force until {Html.DateEn(a.ExpiresOn!.Value)}."]),
                 [head, .. partnerContact, .. await KanwilAsync(a, ct)]),
            EmailTemplateNames.Terminated when a is { Status: AgreementStatus.Terminated, Termination: { } t } =>
                (EmailTemplates.Notice(a, institution, partner, "Perjanjian diakhiri",
                    [$"Perjanjian ini diakhiri per {Html.DateId(t.EffectiveOn)}. Alasan: {Html.OneLine(t.Reason)}",
                     "Perjanjian tetap tersimpan di Sinergi dengan status Diakhiri."],
                    [$"This agreement was terminated effective {Html.DateEn(t.EffectiveOn)}. It stays on record as Terminated."]),
                 [head, .. partnerContact, .. await KanwilAsync(a, ct)]),
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

    private (RenderedEmail, IEnumerable<Recipient>) ApprovalRequest(Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, EmailPayload p)
    {
        var started = round.CurrentStepStartedAt(step) ?? clock.GetUtcNow();
        var token = tokens.Issue(a.Id, round.Round, step.Step, step.Email);
        var prefix = p.Template != EmailTemplateNames.ReviewReminder ? "Mohon keputusan" : p.Overdue ? "Batas waktu terlewati, mohon keputusan" : "Pengingat, mohon keputusan";
        var mail = EmailTemplates.ApprovalRequest(a, institution, partner, round, step, started.AddDays(step.DaysAllowed), tokens.Link(token), tokens.Link(token, "/draft"), prefix);
        return (mail, [new Recipient(step.Email, step.Name)]);
    }

    /// <summary>The heads of the Kanwil institutions of the agreement's region.</summary>
    private async Task<IEnumerable<Recipient>> KanwilAsync(Agreement a, CancellationToken ct) =>
        (await directory.ListInstitutionsAsync(ct)).Where(i => i.Kind == InstitutionKind.Kanwil && i.RegionId == a.RegionId)
            .Select(i => new Recipient(i.HeadEmail, i.HeadName));

}
