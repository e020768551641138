using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Hosting;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>Everything about one agreement: parties, scope, related agreements, documents, reviews, plan, evaluations, timers, history.</summary>
public static class AgreementPage
{
    public static async Task<IResult> ShowAsync(string id, HttpContext http, PageServices services, CancellationToken ct, FormState? form = null, int status = 200, string? notice = null)
    {
        var (store, queries, directory, policy, clock) = (services.Store, services.Queries, services.Directory, services.Policy, services.Clock);
        var p = PageContext.From(http);
        var read = await store.GetAsync(Ids.Route(id), ct);
        p.Caller.EnsureCanRead(read.Agreement);
        var (stored, events) = await store.WithEventsAsync(read, ct);
        var a = stored.Agreement;
        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct);
        var partner = await directory.FindPartnerAsync(a, ct);
        var history = HistoryResponse.Verify(stored, events);
        var record = StoredEvents.Fold(events);
        var officials = await directory.OfficialsAsync(a, ct);
        var children = new List<AgreementSummary>();
        await foreach (var i in queries.AllAsync(AgreementQueries.Scope(new AgreementFilter(a.InstitutionId, null, null, null, null), p.Caller), ct))
            if (i.ParentAgreementId == a.Id) children.Add(i);
        string Link(string? other) => other is null ? "-" : $"""<a href="/app/perjanjian/{E(other)}">{E(other)}</a>""";
        string Doc(DocumentRef d) => $"""<a href="/app/perjanjian/{E(a.Id)}/dokumen/{E(d.DocumentId)}">{E(d.FileName)}</a> <span class="muted">({d.Length / 1024.0:0.#} KiB, SHA-256 {E(d.Sha256[..12])}…)</span>""";

        var body = $"""
            {(notice is null ? "" : $"<p class=\"error\" role=\"alert\">{E(notice)}</p>")}
            <p><span class="badge {a.Status}">{E(p.Status(a.Status))}</span> {E(p.Kind(a.Kind))}{(a.Signing is { Imported: true } ? $" <span class=\"badge imported\">{E(p.T("Impor", "Imported"))}</span> <span class=\"muted\">{E(p.T($"dicatat oleh {a.CreatedBy}; ditandatangani sebelum Sinergi", $"recorded by {a.CreatedBy}; signed before Sinergi"))}</span>" : "")}</p>
            <dl class="facts">
              <dt>{E(p.T("Pihak kesatu", "First party"))}</dt><dd>{E(institution?.Name ?? a.InstitutionId)}</dd>
              <dt>{E(p.T("Pihak kedua", "Second party"))}</dt><dd>{E(partner?.Name ?? a.PartnerId)} {(partner is null ? "" : $"<span class=\"muted\">({E(p.PartnerKind(partner.Kind))})</span>")}</dd>
              <dt>{E(p.T("Maksud dan tujuan", "Purpose"))}</dt><dd>{E(a.Purpose)}</dd>
              <dt>{E(p.T("Ruang lingkup", "Scope"))}</dt><dd><ul>{string.Concat(a.Scope.Select(s => $"<li><strong>{E(p.Area(s.Area))}</strong>: {E(s.Description)}</li>"))}</ul></dd>
              <dt>{E(p.T("Masa berlaku", "Validity"))}</dt><dd>{a.ValidityMonths} {E(p.T("bulan", "months"))}{(a.EffectiveFrom is null ? "" : $" · {E(p.Date(a.EffectiveFrom))} – {E(p.Date(a.ExpiresOn))}")}</dd>
              <dt>{E(p.T("Perjanjian induk", "Parent agreement"))}</dt><dd>{Link(a.ParentAgreementId)}</dd>
              <dt>{E(p.T("PKS turunan", "Child agreements"))}</dt><dd>{(children.Count == 0 ? "-" : string.Join(", ", children.Select(c => $"""<a href="/app/perjanjian/{E(c.Id)}">{E(c.Title)}</a>""")))}</dd>
              <dt>{E(p.T("Memperpanjang", "Renews"))}</dt><dd>{Link(a.RenewalOfId)}</dd>
              <dt>{E(p.T("Diperpanjang oleh", "Renewed by"))}</dt><dd>{Link(a.RenewedById ?? a.PendingRenewalId)}</dd>
              {(a.Termination is { } t ? $"""
              <dt>{E(a.ScheduledTermination is null ? p.T("Diakhiri", "Terminated") : p.T("Pengakhiran dijadwalkan", "Termination scheduled"))}</dt>
              <dd>{E(p.T("berlaku", "effective"))} {E(p.Date(t.EffectiveOn))} · {E(t.Reason)} <span class="muted">({E(t.RecordedBy)})</span></dd>
              """ : "")}
            </dl>
            {(a.Audiensi is { } au ? $"""
            <h2>{E(p.T("Audiensi", "First meeting"))}</h2>
            <p>{E(p.Date(au.Date))}, {E(au.Place)}</p><ul>{string.Concat(au.Attendees.Select(x => $"<li>{E(PageLabels.Person(x))}</li>"))}</ul><p>{E(au.Notes)}</p>
            """ : "")}
            <h2>{E(p.T("Dokumen", "Documents"))}</h2>
            <ul>
              {string.Concat(record.Drafts.Select(d => $"<li>{E(p.T("Draf versi", "Draft version"))} {d.Version}: {Doc(d.Document)} — {E(d.UploadedBy)}, {E(p.Date(DateOnly.FromDateTime(d.UploadedAt.UtcDateTime)))}{(d.Note is null ? "" : $" · {E(d.Note)}")}</li>"))}
              {(a.Signing is { } s ? $"<li>{E(p.T("Naskah ditandatangani", "Signed copy"))}: {Doc(s.Document)} — {E(p.Date(s.SignedOn))}, {E(s.Place)}</li>" : "")}
              {string.Concat(record.Evaluations.Where(e => e.Document is not null).Select(e => $"<li>{E(p.T("Bukti evaluasi", "Evaluation evidence"))} {e.Number}: {Doc(e.Document!)}</li>"))}
            </ul>
            {(a.Signing is { } signing ? $"""
            <h2>{E(p.T("Penandatanganan", "Signing"))}</h2>
            <p>{E(p.Date(signing.SignedOn))}, {E(signing.Place)}{(signing.Imported ? $" <span class=\"muted\">({E(p.T("diimpor", "imported"))})</span>" : "")}</p>
            <ul>{string.Concat(signing.Signatories.Select(x => $"<li>{E(PageLabels.Person(x))}</li>"))}</ul>
            {(signing.Witnesses.Count == 0 ? "" : $"<p class=\"muted\">{E(p.T("Saksi", "Witnesses"))}: {E(string.Join("; ", signing.Witnesses.Select(x => $"{x.Name} ({x.Position})")))}</p>")}
            """ : "")}
            <h2>{E(p.T("Reviu", "Review"))}</h2>
            {(record.ReviewRounds.Count == 0 ? $"<p class=\"muted\">{E(p.T("Belum ada.", "None yet."))}</p>" : string.Concat(record.ReviewRounds.Select(r => $"""
            <p><strong>{E(p.T("Putaran", "Round"))} {r.Round}</strong> · {E(p.T("draf versi", "draft version"))} {r.DraftVersion} · {E(p.Outcome(r.Outcome))}</p>
            <table class="wide"><tbody>{string.Concat(r.Steps.Select(st => $"<tr><td>{st.Step}. {E(st.Name)} ({E(p.Role(st.Role))})</td><td>{E(st.Decision is { } d ? (p.English ? DecisionEn(d) : DecisionId(d)) : p.T("menunggu", "waiting"))}</td><td>{E(st.Comment)}</td><td class=\"muted\">{E(st.DecidedAt is { } at ? LocalId(at, a.TimeZone) : "")}{E(DecidedBy(st, p))}</td></tr>"))}</tbody></table>
            """)))}
            <h2>{E(p.T("Rencana aksi", "Action plan"))}</h2>
            {(a.ActionPlan.Count == 0 ? $"<p class=\"muted\">{E(p.T("Belum ada.", "None yet."))}</p>" : $"""<table class="wide"><tbody>{string.Concat(a.ActionPlan.Select(i => $"<tr><td>{E(i.Activity)}</td><td>{E(i.Owner)}</td><td>{E(i.DueOn is { } due ? p.Date(due) : i.Frequency)}</td><td>{E(p.ItemStatus(i.Status))}</td></tr>"))}</tbody></table>""")}
            <h2>{E(p.T("Evaluasi", "Evaluations"))}</h2>
            {(record.Evaluations.Count == 0 ? $"<p class=\"muted\">{E(p.T("Belum ada.", "None yet."))}</p>" : $"<ul>{string.Concat(record.Evaluations.Select(e => $"<li>{e.Number}. {E(p.Date(e.PeriodEnd))} — {E(p.Recommendation(e.Recommendation))}: {E(e.Summary)}</li>"))}</ul>")}
            <h2>{E(p.T("Pengingat mendatang", "Upcoming timers"))}</h2>
            {(a.UpcomingTimers(clock.GetUtcNow(), policy) is { Count: > 0 } timers ? $"<ul>{string.Concat(timers.Take(10).Select(t => $"<li>{E(p.Date(t.DueOn))}: {E(p.Timer(t))}</li>"))}</ul>" : $"<p class=\"muted\">{E(p.T("Tidak ada.", "None."))}</p>")}
            {AgreementForms.For(a, p, form ?? FormState.Empty, p.Caller.MovesFor(a, clock.GetUtcNow()), officials)}
            <h2>{E(p.T("Riwayat", "History"))} <span class="badge">{E(history.Verified ? p.T("rantai hash utuh", "hash chain intact") : p.T($"rantai rusak di #{history.BrokenAtSeq}", $"chain broken at #{history.BrokenAtSeq}"))}</span></h2>
            <ol class="timeline">{string.Concat(history.Events.Select(e => $"<li><strong>{E(p.Event(e.Type))}</strong> — {E(LocalId(e.At, a.TimeZone))} — {E(e.Actor.Name)} &lt;{E(e.Actor.Email)}&gt;{(e.Actor.Address is null ? "" : $" · {E(e.Actor.Address)}")}</li>"))}</ol>
            """;
        return PageLayout.Page(http, p, a.Title, body, status);
    }

    /// <summary>Who actually decided a step, when it was not the official it names (an admin on their behalf).</summary>
    private static string DecidedBy(ReviewStep step, PageContext p) =>
        step.DecidedBy is { } by && !string.Equals(by, step.Email, StringComparison.OrdinalIgnoreCase)
            ? p.T($" · diputuskan oleh {by} atas nama {step.Email}", $" · decided by {by} on behalf of {step.Email}")
            : step.DecidedBy is { } self ? $" · {self}" : "";
}
