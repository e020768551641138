using Workflow.Core;
using Workflow.Functions.Auth;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>Who is looking, in which language. Bahasa Indonesia unless the person switched to English.</summary>
public sealed record PageContext(Caller Caller, bool English, string Path)
{
    public const string LanguageCookie = "sinergi-bahasa";

    public static PageContext From(HttpContext http) => new(
        http.Caller(),
        http.Request.Cookies[LanguageCookie] == "en",
        http.Request.Path + http.Request.QueryString);

    /// <summary>The text in the page's language: Indonesian first, English when chosen.</summary>
    public string T(string id, string en) => English ? en : id;

    public string Date(DateOnly? date) => date is null ? "-" : English ? DateEn(date.Value) : DateId(date.Value);

    /// <summary>An instant as the institution reads it, in its zone (WIB, WITA, WIT).</summary>
    public string Instant(DateTimeOffset at, string zone) => English ? LocalEn(at, zone) : LocalId(at, zone);

    public string Decision(ReviewDecision decision) => English ? DecisionEn(decision) : DecisionId(decision);

    public string Status(AgreementStatus status) =>
        English ? Agreement.StatusLabelEnglish(status) : Agreement.StatusLabel(status);

    /// <summary>A move (<see cref="Move"/>) as the pages name it.</summary>
    public string MoveName(string move) => move switch
    {
        Move.Drafts => T("Unggah draf", "Upload a draft"),
        Move.Review => T("Ajukan reviu", "Submit for review"),
        Move.Decision => T("Keputusan reviu", "Review decision"),
        Move.Signing => T("Catat penandatanganan", "Record the signing"),
        Move.ActionPlan => T("Rencana aksi", "Action plan"),
        Move.Evaluations => T("Catat evaluasi", "Record an evaluation"),
        Move.Renewal => T("Perpanjangan", "Renewal"),
        Move.Termination => T("Pengakhiran", "Termination"),
        Move.Withdrawal => T("Pembatalan pengakhiran", "Withdrawing a termination"),
        _ => move,
    };

    public string Area(ProgramArea area) => area switch
    {
        ProgramArea.Health => T("Kesehatan", "Health"),
        ProgramArea.Education => T("Pendidikan", "Education"),
        ProgramArea.WorkSkills => T("Pelatihan kerja", "Work skills"),
        ProgramArea.Agribusiness => T("Agribisnis", "Agribusiness"),
        ProgramArea.DrugRehabilitation => T("Rehabilitasi NAPZA", "Drug rehabilitation"),
        ProgramArea.LegalAid => T("Bantuan hukum", "Legal aid"),
        ProgramArea.FinancialLiteracy => T("Literasi keuangan", "Financial literacy"),
        ProgramArea.PopulationData => T("Data kependudukan (NIK)", "Population data"),
        ProgramArea.FireSafety => T("Penanggulangan kebakaran", "Fire safety"),
        ProgramArea.Waste => T("Pengelolaan sampah", "Waste"),
        ProgramArea.ProductMarketing => T("Pemasaran produk", "Product marketing"),
        ProgramArea.Spiritual => T("Pembinaan kepribadian", "Spiritual guidance"),
        ProgramArea.Sport => T("Olahraga", "Sport"),
        ProgramArea.Psychology => T("Psikologi", "Psychology"),
        _ => T("Lainnya", "Other"),
    };

    public string Outcome(ReviewRoundOutcome outcome) => outcome switch
    {
        ReviewRoundOutcome.Open => T("berjalan", "open"),
        ReviewRoundOutcome.Approved => T("disetujui", "approved"),
        ReviewRoundOutcome.ChangesRequested => T("perlu perbaikan", "changes requested"),
        _ => T("ditolak", "rejected"),
    };

    public string Kind(AgreementKind kind) => English ? kind switch { AgreementKind.Mou => "MoU", AgreementKind.Pks => "Cooperation agreement (PKS)", _ => "Addendum" } : KindId(kind);
}
