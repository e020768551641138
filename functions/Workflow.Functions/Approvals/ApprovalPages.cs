using Workflow.Core;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Approvals;

/// <summary>The pages an official sees from an approval link. Bahasa Indonesia first, English in smaller type; no script, no remote asset.</summary>
public static class ApprovalPages
{
    public static string Invalid() => Message("Tautan tidak sah",
        "Tautan ini tidak dikenali atau telah diubah. Buka kembali tautan persis seperti di email, atau minta lembaga pengirim mengirim ulang.",
        "This link is not valid: it was not issued by Sinergi or has been altered.");

    public static string Expired(ApprovalGrant grant) => Message("Tautan sudah kedaluwarsa",
        $"Tautan ini berlaku sampai {DateId(DateOnly.FromDateTime(grant.ExpiresAt.UtcDateTime))}. Minta lembaga pengirim mengirim tautan baru.",
        "This link has expired. Ask the institution to send a new one.");

    public static string NotFound() => Message("Perjanjian tidak ditemukan",
        "Perjanjian yang dimaksud tautan ini tidak ada lagi.", "The agreement this link points to no longer exists.");

    public static string OldRound(Agreement a, ReviewStep step, int latestRound) => Message("Tautan dari putaran reviu sebelumnya",
        $"Tautan ini untuk putaran reviu yang sudah ditutup. Draf \"{a.Title}\" telah diperbarui dan diajukan kembali (putaran {latestRound}); gunakan tautan dari email terbaru."
            + (step.Decision is { } d ? $" Keputusan Anda pada putaran lama tetap tercatat: {DecisionId(d)}." : ""),
        "This link belongs to an earlier review round. A newer draft has been sent for review; please use the link in the latest email.");

    public static string RoundClosed(Agreement a, ReviewRound round) => Message("Putaran reviu sudah ditutup",
        $"Putaran reviu {round.Round} atas \"{a.Title}\" sudah ditutup ({Outcome(round.Outcome)}) sebelum giliran Anda. Tidak ada yang perlu Anda lakukan sekarang.",
        "This review round was closed before your turn. Nothing is needed from you now.");

    public static string NotYourTurn(ReviewStep current) => Message("Belum giliran Anda",
        $"Langkah reviu sebelumnya ({current.Name}) belum memutuskan. Anda akan menerima email ketika tiba giliran Anda.",
        "An earlier step has not decided yet. You will get an email when it is your turn.");

    public static string FormExpired() => Message("Formulir tidak dapat diproses",
        "Formulir ini sudah tidak berlaku (misalnya dibuka terlalu lama atau dari peramban lain). Buka kembali tautan dari email lalu kirim ulang keputusan Anda.",
        "This form could not be accepted. Open the link from the email again and resubmit.");

    public static string Decided(Agreement a, ReviewStep step, bool justNow) => Layout(
        justNow ? "Terima kasih, keputusan Anda telah dicatat" : "Keputusan sudah tercatat",
        $"""
        <p>{(justNow ? "Keputusan Anda atas" : "Keputusan atas")} <strong>{E(a.Title)}</strong> (langkah {step.Step}, {E(step.Name)}):</p>
        <p class="decision {step.Decision.ToString()!.ToLowerInvariant()}">{E(DecisionId(step.Decision!.Value))}</p>
        <dl>
          <dt>Waktu</dt><dd>{E(LocalId(step.DecidedAt!.Value, a.TimeZone))}</dd>
          <dt>Oleh</dt><dd>{E(step.DecidedBy)}</dd>
          <dt>Catatan</dt><dd>{E(step.Comment ?? "-")}</dd>
        </dl>
        <p class="en">{(justNow ? "Thank you, your decision has been recorded" : "A decision has already been recorded")}: {E(DecisionEn(step.Decision!.Value))}.</p>
        """);

    public static string Form(
        Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, DateTimeOffset deadline,
        string draftUrl, string antiforgeryName, string antiforgeryToken, string? comment, string? error)
    {
        var draft = a.DraftOfLatestRound!;
        return Layout("Mohon keputusan Anda", $"""
            <p>Yth. {E(step.Name)} — langkah {step.Step} dari {round.Steps.Count}, putaran {round.Round}.</p>
            <dl>
              <dt>Judul</dt><dd>{E(a.Title)}</dd>
              <dt>Jenis</dt><dd>{E(KindId(a.Kind))}</dd>
              <dt>Pihak kesatu</dt><dd>{E(institution.Name)}</dd>
              <dt>Pihak kedua</dt><dd>{E(partner.Name)}</dd>
              <dt>Maksud dan tujuan</dt><dd>{E(a.Purpose)}</dd>
              <dt>Ruang lingkup</dt><dd><ul>{string.Concat(a.Scope.Select(s => $"<li>{E(s.Description)}</li>"))}</ul></dd>
              <dt>Masa berlaku</dt><dd>{a.ValidityMonths} bulan</dd>
              <dt>Batas waktu</dt><dd>{E(LocalId(deadline, a.TimeZone))}</dd>
            </dl>
            <p><a class="button secondary" href="{E(draftUrl)}">Unduh draf versi {draft.Version} ({E(draft.Document.FileName)})</a></p>
            <form method="post">
              <input type="hidden" name="{E(antiforgeryName)}" value="{E(antiforgeryToken)}">
              <label for="comment">Catatan (wajib untuk permintaan perbaikan atau penolakan)</label>
              {(error is null ? "" : $"""<p class="error" id="comment-error">{E(error)}</p>""")}
              <textarea id="comment" name="comment" rows="5" maxlength="4000"{(error is null ? "" : " aria-describedby=\"comment-error\"")}>{E(comment)}</textarea>
              <div class="actions">
                <button type="submit" name="decision" value="approve" class="approve">Setujui</button>
                <button type="submit" name="decision" value="revise" class="revise">Minta perbaikan</button>
                <button type="submit" name="decision" value="reject" class="reject">Tolak</button>
              </div>
            </form>
            <p class="en">Please decide on this draft: approve, request changes (with a comment) or reject (with a comment). Opening this page changes nothing.</p>
            """);
    }

    private static string Outcome(ReviewRoundOutcome outcome) => outcome switch
    {
        ReviewRoundOutcome.Approved => "disetujui",
        ReviewRoundOutcome.ChangesRequested => "dikembalikan untuk perbaikan",
        ReviewRoundOutcome.Rejected => "ditolak",
        _ => "berjalan",
    };

    private static string Message(string title, string id, string en) => Layout(title, $"""<p>{E(id)}</p><p class="en">{E(en)}</p>""");

    private static string Layout(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{E(title)}} — Sinergi</title>
        <style>
          body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; line-height: 1.5; }
          header { background: #0b5394; color: #fff; padding: 12px 16px; font-weight: 600; }
          main { max-width: 680px; margin: 0 auto; padding: 16px; background: #fff; min-height: 100vh; box-sizing: border-box; }
          h1 { font-size: 1.35rem; margin: 0.4rem 0 1rem; }
          dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 4px 12px; }
          dt { color: #52606d; } dd { margin: 0; } dd ul { margin: 0; padding-left: 1.1rem; }
          label { display: block; font-weight: 600; margin: 1rem 0 0.3rem; }
          textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 8px; border: 1px solid #9aa5b1; border-radius: 4px; }
          .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
          button, .button { font: inherit; padding: 12px 18px; border-radius: 4px; border: 0; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }
          .approve { background: #2f7d32; } .revise { background: #b26a00; } .reject { background: #b3261e; } .secondary { background: #52606d; }
          .error { color: #b3261e; font-weight: 600; margin: 0.3rem 0; }
          .decision { font-size: 1.2rem; font-weight: 700; } .decision.approve { color: #2f7d32; background: none; }
          .decision.revise { color: #b26a00; background: none; } .decision.reject { color: #b3261e; background: none; }
          .en { color: #52606d; font-size: 0.9rem; border-top: 1px solid #e4e7eb; padding-top: 8px; margin-top: 24px; }
          @media (max-width: 480px) { dl { grid-template-columns: 1fr; } dt { margin-top: 6px; } button { flex: 1 1 100%; } }
        </style>
        </head>
        <body>
        <header>Sinergi — Kerja Sama Pemasyarakatan</header>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;
}
