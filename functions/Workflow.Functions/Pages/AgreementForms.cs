using Workflow.Core;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>The forms for an agreement's commands, shown on its page when its status allows them.</summary>
public static class AgreementForms
{
    public const int StepRows = 5, PersonRows = 4, NewPlanRows = 3;

    /// <param name="moves">The moves open to the caller, each with the agreement's reason when it is refused now.</param>
    /// <param name="officials">Who the directory allows on the HeadOfInstitution and Kanwil steps, shown beside the review form.</param>
    public static string For(Agreement a, PageContext p, FormState state, IReadOnlyList<MoveOption> moves,
        (IReadOnlyList<Official> Institution, IReadOnlyList<Official> Kanwil) officials)
    {
        bool Offered(string move) => moves.Any(m => m.Move == move && m.Allowed);
        var forms = new List<string>();
        if (Offered(Move.Drafts)) forms.Add(Draft(a, p, state.For("draft")));
        if (Offered(Move.Review)) forms.Add(Review(a, p, state.For("review"), officials));
        if (Offered(Move.Signing)) forms.Add(Sign(a, p, state.For("signing")));
        if (Offered(Move.ActionPlan)) forms.Add(Plan(a, p, state.For("action-plan")));
        if (Offered(Move.Evaluations)) forms.Add(Evaluation(a, p, state.For("evaluation")));
        if (Offered(Move.Renewal)) forms.Add(Renewal(a, p, state.For("renewal")));
        if (Offered(Move.Termination)) forms.Add(Termination(a, p, state.For("termination")));
        if (Offered(Move.Withdrawal)) forms.Add(Withdrawal(a, p, state.For("withdrawal")));
        // An official decides on the approval page their e-mail links to; here the other moves say why they wait.
        var refused = moves.Where(m => !m.Allowed && m.Move != Move.Decision).ToList();
        if (forms.Count == 0 && refused.Count == 0) return "";
        return $"""
            <h2 id="tindakan">{E(p.T("Tindakan", "Actions"))}</h2>
            {string.Concat(forms)}
            {(refused.Count == 0 ? "" : $"""
            <h3>{E(p.T("Belum dapat dilakukan", "Not possible now"))}</h3>
            <ul class="refused">{string.Concat(refused.Select(m => $"<li><strong>{E(p.MoveName(m.Move))}</strong>: {E(p.T(m.Refusal!.Text, m.Refusal.English))}</li>"))}</ul>
            """)}
            """;
    }

    private static string Form(Agreement a, string action, string title, string fields, string button, FormState state, IEnumerable<string> shown, bool multipart = false) => $"""
        <form class="command" id="{action}" method="post" action="/app/perjanjian/{E(a.Id)}/{action}"{(multipart ? " enctype=\"multipart/form-data\"" : "")}>
          <strong>{E(title)}</strong>
          {FormKey.Input()}
          {state.Summary(shown)}
          {fields}
          <div><button type="submit" class="primary">{E(button)}</button></div>
        </form>
        """;

    private static string Draft(Agreement a, PageContext p, FormState f) => Form(a, "draft", p.T($"Unggah draf versi {a.DraftCount + 1}", $"Upload draft version {a.DraftCount + 1}"),
        $"""
        {f.Input("note", p.T("Catatan", "Note"))}
        <label>{E(p.T("Berkas (PDF atau DOCX)", "File (PDF or DOCX)"))} *<input type="file" name="file" accept=".pdf,.docx" required>{f.Error("file")}</label>
        """, p.T("Unggah", "Upload"), f, ["file", "note"], multipart: true);

    private static string Review(Agreement a, PageContext p, FormState f, (IReadOnlyList<Official> Institution, IReadOnlyList<Official> Kanwil) officials)
    {
        var roles = Enum.GetValues<ReviewerRole>().Select(r => (r.ToString(), p.Role(r)));
        static string Names(IEnumerable<Official> list) => string.Join(", ", list.Select(o => $"{o.Name} <{o.Email}>")) is { Length: > 0 } names ? names : "-";
        var who = $"""
            <p class="muted">{E(p.T("Langkah HeadOfInstitution: ", "HeadOfInstitution step: "))}{E(Names(officials.Institution))}<br>
            {E(p.T("Langkah Kanwil: ", "Kanwil step: "))}{E(Names(officials.Kanwil))}<br>
            {E(p.T("Pengaju tidak boleh menjadi pejabat, dan satu orang memegang satu langkah.", "The submitter may not be an official, and one person holds one step."))}</p>
            <datalist id="pejabat">{string.Concat(officials.Institution.Concat(officials.Kanwil).Select(o => $"""<option value="{E(o.Email)}">{E(o.Name)}</option>"""))}</datalist>
            """;
        var rows = who + string.Concat(Enumerable.Range(0, StepRows).Select(i => $"""
            <fieldset><legend>{E(p.T("Langkah", "Step"))} {i + 1}</legend>
              {f.Select($"steps[{i}].role", p.T("Peran", "Role"), roles, empty: "-")}
              {f.Input($"steps[{i}].name", p.T("Nama", "Name"))}
              {f.Input($"steps[{i}].email", "Email", "email", extra: "list=\"pejabat\"")}
              {f.Input($"steps[{i}].daysAllowed", p.T("Hari", "Days"), "number", i == 0 ? "" : null, extra: "min=\"1\" max=\"60\"")}
            </fieldset>
            """));
        return Form(a, "review", p.T("Ajukan reviu (langkah berurutan; baris kosong diabaikan)", "Submit for review (ordered steps; empty rows are skipped)"),
            rows, p.T("Ajukan", "Submit"), f, StepFields(StepRows));
    }

    private static string Sign(Agreement a, PageContext p, FormState f) => Form(a, "signing", p.T("Catat penandatanganan", "Record the signing"),
        $"""
        {f.Input("signedOn", p.T("Tanggal tanda tangan", "Signed on"), "date", required: true)}
        {f.Input("place", p.T("Tempat", "Place"), required: true)}
        {f.Input("effectiveFrom", p.T("Berlaku mulai (kosong: tanggal tanda tangan)", "Effective from (empty: the signing date)"), "date")}
        {People(p, f, "signatories", p.T("Penanda tangan", "Signatory"), PersonRows)}
        {People(p, f, "witnesses", p.T("Saksi", "Witness"), 2)}
        <label>{E(p.T("Naskah ditandatangani (PDF)", "Signed copy (PDF)"))} *<input type="file" name="file" accept=".pdf" required>{f.Error("file")}</label>
        """, p.T("Simpan", "Save"), f, ["file", "signedOn", "place", "effectiveFrom", .. PeopleFields("signatories", PersonRows), .. PeopleFields("witnesses", 2)], multipart: true);

    private static string Plan(Agreement a, PageContext p, FormState f)
    {
        var statuses = Enum.GetValues<ActionItemStatus>().Select(x => (x.ToString(), p.ItemStatus(x)));
        var count = a.ActionPlan.Count + NewPlanRows;
        var rows = string.Concat(Enumerable.Range(0, count).Select(i =>
        {
            var item = i < a.ActionPlan.Count ? a.ActionPlan[i] : null;
            return $"""
                <fieldset>
                  {f.Input($"items[{i}].activity", p.T("Kegiatan", "Activity"), fallback: item?.Activity)}
                  {f.Input($"items[{i}].owner", p.T("Penanggung jawab", "Owner"), fallback: item?.Owner)}
                  {f.Input($"items[{i}].dueOn", p.T("Target", "Due on"), "date", item?.DueOn?.ToString("yyyy-MM-dd"))}
                  {f.Input($"items[{i}].frequency", p.T("Frekuensi", "Frequency"), fallback: item?.Frequency)}
                  {f.Select($"items[{i}].status", "Status", statuses, item?.Status.ToString() ?? "Planned")}
                </fieldset>
                """;
        }));
        return Form(a, "action-plan", p.T("Rencana aksi (kosongkan kegiatan untuk menghapus baris)", "Action plan (clear an activity to remove its row)"),
            rows, p.T("Simpan rencana", "Save plan"), f, Enumerable.Range(0, count).SelectMany(i => new[] { "activity", "owner", "dueOn", "frequency", "status", "" }.Select(x => x == "" ? $"items[{i}]" : $"items[{i}].{x}")).Append("items"));
    }

    private static string Evaluation(Agreement a, PageContext p, FormState f)
    {
        var recommendations = Enum.GetValues<Recommendation>().Select(r => (r.ToString(), p.Recommendation(r)));
        var scores = string.Concat(a.ActionPlan.Select((item, i) => $"""
            <input type="hidden" name="itemScores[{i}].activity" value="{E(item.Activity)}">
            {f.Select($"itemScores[{i}].score", $"{p.T("Nilai", "Score")}: {item.Activity}", Enumerable.Range(1, 5).Select(n => (n.ToString(), n.ToString())), empty: "-")}
            """));
        return Form(a, "evaluation", p.T("Catat evaluasi", "Record an evaluation"), $"""
            {f.Input("periodEnd", p.T("Akhir periode", "Period end"), "date", required: true)}
            {f.TextArea("summary", p.T("Ringkasan", "Summary"), required: true)}
            {f.Select("recommendation", p.T("Rekomendasi", "Recommendation"), recommendations, required: true)}
            {scores}
            <label>{E(p.T("Bukti (opsional: PDF, DOCX, PNG, JPEG)", "Evidence (optional)"))}<input type="file" name="file">{f.Error("file")}</label>
            """, p.T("Simpan", "Save"), f, ["periodEnd", "summary", "recommendation", "file", .. a.ActionPlan.Select((_, i) => $"itemScores[{i}].score")], multipart: true);
    }

    private static string Renewal(Agreement a, PageContext p, FormState f) => Form(a, "renewal", p.T("Mulai perpanjangan", "Start a renewal"),
        f.Input("validityMonths", p.T("Masa berlaku baru (bulan)", "New validity (months)"), "number", a.ValidityMonths.ToString(), true, "min=\"12\" max=\"60\""),
        p.T("Mulai", "Start"), f, ["validityMonths"]);

    private static string Termination(Agreement a, PageContext p, FormState f) => Form(a, "termination", p.T("Akhiri perjanjian", "Terminate"), $"""
        {f.TextArea("reason", p.T("Alasan", "Reason"), required: true)}
        {f.Input("effectiveOn", p.T("Berakhir pada", "Effective on"), "date", required: true)}
        """, p.T("Akhiri", "Terminate"), f, ["reason", "effectiveOn"]);

    private static string Withdrawal(Agreement a, PageContext p, FormState f) => Form(a, "withdrawal",
        p.T($"Batalkan pengakhiran per {p.Date(a.ScheduledTermination?.EffectiveOn)}", $"Withdraw the termination effective {p.Date(a.ScheduledTermination?.EffectiveOn)}"),
        f.TextArea("reason", p.T("Alasan pembatalan", "Reason for withdrawing"), required: true), p.T("Batalkan pengakhiran", "Withdraw"), f, ["reason"]);

    private static string People(PageContext p, FormState f, string prefix, string label, int rows) => string.Concat(Enumerable.Range(0, rows).Select(i => $"""
        <fieldset><legend>{E(label)} {i + 1}</legend>
          {f.Input($"{prefix}[{i}].name", p.T("Nama", "Name"))}
          {f.Input($"{prefix}[{i}].position", p.T("Jabatan", "Position"))}
          {f.Input($"{prefix}[{i}].organization", p.T("Instansi", "Organization"))}
        </fieldset>
        """));

    public static IEnumerable<string> PeopleFields(string prefix, int rows) =>
        Enumerable.Range(0, rows).SelectMany(i => new[] { $"{prefix}[{i}]", $"{prefix}[{i}].name", $"{prefix}[{i}].position", $"{prefix}[{i}].organization" }).Append(prefix);

    private static IEnumerable<string> StepFields(int rows) =>
        Enumerable.Range(0, rows).SelectMany(i => new[] { "role", "name", "email", "daysAllowed" }.Select(x => $"steps[{i}].{x}")).Append("steps");
}
