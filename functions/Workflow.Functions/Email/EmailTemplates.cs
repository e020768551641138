using System.Text;
using Workflow.Core;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>What the agreement's emails say: Bahasa Indonesia first, English below; plain text and HTML with the same content.</summary>
public static class EmailTemplates
{
    public static RenderedEmail ApprovalRequest(
        Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, DateTimeOffset deadline, Uri link, Uri draftLink,
        string subjectPrefix = "Mohon keputusan")
    {
        var draft = a.DraftOfLatestRound!;
        var subject = $"[Sinergi] {subjectPrefix}: {OneLine(a.Title)}";
        var text = new StringBuilder()
            .AppendLine($"Yth. {OneLine(step.Name)},").AppendLine()
            .AppendLine($"{OneLine(institution.Name)} mengajukan {KindId(a.Kind)} berikut untuk reviu (putaran {round.Round}, langkah {step.Step} dari {round.Steps.Count}):").AppendLine()
            .AppendLine($"  Judul       : {OneLine(a.Title)}")
            .AppendLine($"  Pihak kesatu: {OneLine(institution.Name)}")
            .AppendLine($"  Pihak kedua : {OneLine(partner.Name)}")
            .AppendLine($"  Masa berlaku: {a.ValidityMonths} bulan")
            .AppendLine($"  Draf        : versi {draft.Version} ({OneLine(draft.Document.FileName)})")
            .AppendLine($"  Batas waktu : {LocalId(deadline, a.TimeZone)}").AppendLine()
            .AppendLine("Setujui, minta perbaikan, atau tolak melalui tautan ini:").AppendLine(link.AbsoluteUri).AppendLine()
            .AppendLine("Unduh draf:").AppendLine(draftLink.AbsoluteUri).AppendLine()
            .AppendLine("Tautan ini khusus untuk Anda; jangan diteruskan.").AppendLine()
            .AppendLine("-- English --")
            .AppendLine($"Dear {OneLine(step.Name)}, {OneLine(institution.Name)} asks for your decision on \"{OneLine(a.Title)}\" with {OneLine(partner.Name)} (round {round.Round}, step {step.Step} of {round.Steps.Count}), by {LocalEn(deadline, a.TimeZone)}.")
            .AppendLine($"Decide (approve, request changes or reject): {link.AbsoluteUri}")
            .AppendLine($"Download the draft: {draftLink.AbsoluteUri}")
            .AppendLine("This link is personal; please do not forward it.")
            .ToString();
        var html = Layout($"""
            <p>Yth. {E(step.Name)},</p>
            <p>{E(institution.Name)} mengajukan {E(KindId(a.Kind))} berikut untuk reviu (putaran {round.Round}, langkah {step.Step} dari {round.Steps.Count}):</p>
            <table style="border-collapse:collapse">
              {Row("Judul", a.Title)}{Row("Pihak kesatu", institution.Name)}{Row("Pihak kedua", partner.Name)}
              {Row("Masa berlaku", $"{a.ValidityMonths} bulan")}{Row("Draf", $"versi {draft.Version} ({draft.Document.FileName})")}
              {Row("Batas waktu", LocalId(deadline, a.TimeZone))}
            </table>
            <p><a href="{E(link.AbsoluteUri)}" style="display:inline-block;padding:10px 16px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">Buka halaman keputusan</a></p>
            <p><a href="{E(draftLink.AbsoluteUri)}">Unduh draf versi {draft.Version}</a></p>
            <p style="color:#555">Tautan ini khusus untuk Anda; jangan diteruskan.</p>
            <hr>
            <p style="color:#555">Dear {E(step.Name)}, {E(institution.Name)} asks for your decision on “{E(a.Title)}” with {E(partner.Name)}
            (round {round.Round}, step {step.Step} of {round.Steps.Count}), by {E(LocalEn(deadline, a.TimeZone))}.
            <a href="{E(link.AbsoluteUri)}">Decide</a> · <a href="{E(draftLink.AbsoluteUri)}">Download the draft</a>. This link is personal; please do not forward it.</p>
            """);
        return new RenderedEmail(subject, text, html);
    }

    public static RenderedEmail RoundClosed(Agreement a, Institution institution, Partner partner, ReviewRound round)
    {
        var deciding = round.Steps.Last(s => s.Decision is not null);
        var (outcomeId, outcomeEn) = round.Outcome switch
        {
            ReviewRoundOutcome.Approved => ("disetujui semua pejabat", "approved by every official"),
            ReviewRoundOutcome.ChangesRequested => ("dikembalikan untuk perbaikan", "returned for changes"),
            _ => ("ditolak", "rejected"),
        };
        var subject = $"[Sinergi] Reviu putaran {round.Round} {outcomeId}: {OneLine(a.Title)}";
        var steps = round.Steps.Select(StepLine).ToList();
        var text = new StringBuilder()
            .AppendLine($"Reviu putaran {round.Round} atas \"{OneLine(a.Title)}\" ({OneLine(institution.Name)} — {OneLine(partner.Name)}) telah {outcomeId}.").AppendLine()
            .AppendLine($"Keputusan terakhir oleh {OneLine(deciding.Name)}: {DecisionId(deciding.Decision!.Value)}")
            .AppendLine($"Catatan: {Indented(deciding.Comment ?? "-", "         ")}").AppendLine()
            .AppendLine("Semua langkah:");
        for (var i = 0; i < steps.Count; i++) text.AppendLine($"  {i + 1}. {steps[i]}");
        text.AppendLine().AppendLine("-- English --")
            .AppendLine($"Review round {round.Round} of \"{OneLine(a.Title)}\" was {outcomeEn}. Last decision by {OneLine(deciding.Name)}: {DecisionEn(deciding.Decision!.Value)}. Comment: {Indented(deciding.Comment ?? "-")}");
        var html = Layout($"""
            <p>Reviu putaran {round.Round} atas <strong>{E(a.Title)}</strong> ({E(institution.Name)} — {E(partner.Name)}) telah <strong>{E(outcomeId)}</strong>.</p>
            <p>Keputusan terakhir oleh {E(deciding.Name)}: {E(DecisionId(deciding.Decision!.Value))}<br>Catatan: {E(deciding.Comment ?? "-")}</p>
            <ol>{string.Concat(steps.Select(line => $"<li>{E(line)}</li>"))}</ol>
            <hr>
            <p style="color:#555">Review round {round.Round} of “{E(a.Title)}” was {E(outcomeEn)}. Last decision by {E(deciding.Name)}:
            {E(DecisionEn(deciding.Decision!.Value))}. Comment: {E(deciding.Comment ?? "-")}</p>
            """);
        return new RenderedEmail(subject, text.ToString(), html);
    }

    /// <summary>A dated notice about an agreement (renewal, expiry, evaluation, late review): a few lines in each language.</summary>
    public static RenderedEmail Notice(Agreement a, Institution institution, Partner partner, string subject, string[] id, string[] en)
    {
        var facts = new[]
        {
            ("Judul", a.Title), ("Pihak kesatu", institution.Name), ("Pihak kedua", partner.Name),
            ("Berlaku", a.EffectiveFrom is { } from ? $"{DateId(from)} s.d. {DateId(a.ExpiresOn!.Value)}" : "-"),
        };
        var text = new StringBuilder();
        foreach (var line in id) text.AppendLine(OneLine(line));
        text.AppendLine();
        foreach (var (label, value) in facts) text.AppendLine($"  {label,-13}: {OneLine(value)}");
        text.AppendLine().AppendLine("-- English --");
        foreach (var line in en) text.AppendLine(OneLine(line));
        var html = Layout($"""
            {string.Concat(id.Select(l => $"<p>{E(l)}</p>"))}
            <table style="border-collapse:collapse">{string.Concat(facts.Select(f => Row(f.Item1, f.Item2)))}</table>
            <hr>
            {string.Concat(en.Select(l => $"<p style=\"color:#555\">{E(l)}</p>"))}
            """);
        return new RenderedEmail($"[Sinergi] {OneLine(subject)}: {OneLine(a.Title)}", text.ToString(), html);
    }

    private static string StepLine(ReviewStep s) => s.Decision is { } d
        ? $"{OneLine(s.Name)} ({s.Role}): {DecisionId(d)}{(s.Comment is null ? "" : $" — \"{Indented(s.Comment, "       ")}\"")}"
        : $"{OneLine(s.Name)} ({s.Role}): belum memutuskan";

    private static string Row(string label, string value) =>
        $"""<tr><td style="padding:2px 12px 2px 0;color:#555">{E(label)}</td><td style="padding:2px 0">{E(value)}</td></tr>""";

    private static string Layout(string body) => $"""
        <!DOCTYPE html>
        <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;max-width:640px;margin:0 auto;padding:16px">
        <p style="font-weight:bold;color:#0b5394">Sinergi — Kerja Sama Pemasyarakatan</p>
        {body}
        </body></html>
        """;
}
