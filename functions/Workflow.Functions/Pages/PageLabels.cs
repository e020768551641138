using System.Text.RegularExpressions;
using Workflow.Core;

namespace Workflow.Functions.Pages;

/// <summary>Human names, in the page's language, for what the domain names in English identifiers.</summary>
public static partial class PageLabels
{
    public static string PartnerKind(this PageContext p, PartnerKind kind) => kind switch
    {
        Core.PartnerKind.LocalGovernment => p.T("Pemerintah daerah", "Local government"),
        Core.PartnerKind.GovernmentAgency => p.T("Instansi pemerintah", "Government agency"),
        Core.PartnerKind.Foundation => p.T("Yayasan", "Foundation"),
        Core.PartnerKind.University => p.T("Perguruan tinggi", "University"),
        Core.PartnerKind.Bank => "Bank",
        Core.PartnerKind.Company => p.T("Perusahaan", "Company"),
        Core.PartnerKind.Professional => p.T("Organisasi profesi", "Professional body"),
        _ => p.T("Lainnya", "Other"),
    };

    public static string Role(this PageContext p, ReviewerRole role) => role switch
    {
        ReviewerRole.Legal => p.T("Bagian hukum", "Legal"),
        ReviewerRole.HeadOfInstitution => p.T("Kepala lembaga", "Head of institution"),
        ReviewerRole.Kanwil => p.T("Kanwil", "Regional office (Kanwil)"),
        ReviewerRole.Partner => p.T("Mitra", "Partner"),
        _ => p.T("Lainnya", "Other"),
    };

    public static string Recommendation(this PageContext p, Recommendation r) => r switch
    {
        Core.Recommendation.Continue => p.T("Dilanjutkan", "Continue"),
        Core.Recommendation.Amend => p.T("Diubah", "Amend"),
        Core.Recommendation.Renew => p.T("Diperpanjang", "Renew"),
        _ => p.T("Diakhiri", "Terminate"),
    };

    public static string ItemStatus(this PageContext p, ActionItemStatus s) => s switch
    {
        ActionItemStatus.Planned => p.T("Direncanakan", "Planned"),
        ActionItemStatus.InProgress => p.T("Berjalan", "In progress"),
        ActionItemStatus.Done => p.T("Selesai", "Done"),
        _ => p.T("Dibatalkan", "Cancelled"),
    };

    /// <summary>An event of the history by what happened (its type stays in the API).</summary>
    public static string Event(this PageContext p, string type) => type switch
    {
        nameof(AgreementCreated) => p.T("Perjanjian dibuat", "Agreement created"),
        nameof(DraftUploaded) => p.T("Draf diunggah", "Draft uploaded"),
        nameof(ReviewSubmitted) => p.T("Diajukan untuk reviu", "Submitted for review"),
        nameof(DecisionRequested) => p.T("Keputusan diminta", "Decision requested"),
        nameof(ReviewReminderDue) => p.T("Pengingat reviu", "Review reminder"),
        nameof(ReviewStepDecided) => p.T("Keputusan reviu", "Review decision"),
        nameof(AgreementSigned) => p.T("Ditandatangani", "Signed"),
        nameof(AgreementImported) => p.T("Diimpor", "Imported"),
        nameof(ActionPlanUpdated) => p.T("Rencana aksi diperbarui", "Action plan updated"),
        nameof(EvaluationRecorded) => p.T("Evaluasi dicatat", "Evaluation recorded"),
        nameof(EvaluationReminderDue) => p.T("Pengingat evaluasi", "Evaluation reminder"),
        nameof(RenewalNoticeDue) => p.T("Pemberitahuan masa berlaku", "Expiry notice"),
        nameof(RenewalStarted) => p.T("Perpanjangan dimulai", "Renewal started"),
        nameof(AgreementRenewed) => p.T("Diperpanjang", "Renewed"),
        nameof(AgreementExpired) => p.T("Masa berlaku habis", "Expired"),
        nameof(AgreementTerminated) => p.T("Diakhiri", "Terminated"),
        nameof(TerminationScheduled) => p.T("Pengakhiran dijadwalkan", "Termination scheduled"),
        nameof(TerminationWithdrawn) => p.T("Pengakhiran dibatalkan", "Termination withdrawn"),
        nameof(NotificationFailed) => p.T("Pemberitahuan gagal terkirim", "Notification failed"),
        _ => type,
    };

    /// <summary>A timer ahead: what it is, and for which round and step, evaluation, or how long before expiry.</summary>
    public static string Timer(this PageContext p, ScheduledTimer t)
    {
        var n = Numbers().Matches(t.Detail).Select(m => m.Value).ToList();
        return t.Kind switch
        {
            TimerKind.ReviewReminder => p.T($"Pengingat reviu (putaran {At(n, 0)}, langkah {At(n, 1)})", $"Review reminder (round {At(n, 0)}, step {At(n, 1)})"),
            TimerKind.ReviewOverdue => p.T($"Batas waktu reviu, eskalasi (putaran {At(n, 0)}, langkah {At(n, 1)})", $"Review deadline, escalation (round {At(n, 0)}, step {At(n, 1)})"),
            TimerKind.EvaluationDue => p.T($"Evaluasi ke-{At(n, 0)} jatuh tempo", $"Evaluation {At(n, 0)} due"),
            TimerKind.EvaluationOverdue => p.T($"Evaluasi ke-{At(n, 0)} terlambat", $"Evaluation {At(n, 0)} overdue"),
            TimerKind.RenewalNotice => p.T($"Pemberitahuan {At(n, 0)} hari sebelum berakhir", $"Notice {At(n, 0)} days before expiry"),
            TimerKind.TerminationEffective => p.T("Pengakhiran berlaku", "Termination takes effect"),
            _ => p.T("Masa berlaku berakhir", "Expiry"),
        };
    }

    /// <summary>Name — position, organization, leaving out what is empty.</summary>
    public static string Person(Person x) =>
        string.Join(" — ", new[] { x.Name, string.Join(", ", new[] { x.Position, x.Organization }.Where(s => !string.IsNullOrWhiteSpace(s))) }
            .Where(s => s.Length > 0));

    private static string At(IReadOnlyList<string> numbers, int i) => i < numbers.Count ? numbers[i] : "?";

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
