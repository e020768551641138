using Workflow.Core;

namespace Workflow.Core.Tests;

/// <summary>Builds agreements at each stage of their life, as the tests need them.</summary>
internal static class Samples
{
    public static readonly Actor Staff = new("staf@lapas-samarinda.go.id", "Staf Hukum");
    public static readonly Actor Legal = new("hukum@kanwil-kaltim.go.id", "Analis Hukum", "10.0.0.7");
    public static readonly Actor Head = new("kalapas@lapas-samarinda.go.id", "Hidayat");
    public static readonly Actor Partner = new("ketua@dewan-ukm-kaltim.or.id", "Andi Fathul Khair");
    public static readonly Actor Admin = new("admin@ditjenpas.go.id", "Admin");
    // 2025-11-05 09:00 WITA
    public static readonly DateTimeOffset Now = new(2025, 11, 5, 1, 0, 0, TimeSpan.Zero);

    public static DocumentRef Pdf(string id = "doc-1") => new(id, "draf.pdf", "application/pdf", 1234, new string('a', 64));

    public static NewAgreement New(
        AgreementKind kind = AgreementKind.Pks, int? validityMonths = 12, AudiensiInput? audiensi = null,
        string? parent = null, string? title = "PKS Pembinaan Kemandirian", string zone = "Asia/Makassar") =>
        new("lapas-narkotika-samarinda", "kaltim", zone, "dewan-ukm-kaltim", kind, title,
            "Membina kemandirian warga binaan.",
            [new ScopeInput(ProgramArea.ProductMarketing, "Pemasaran produk hasil karya WBP")],
            validityMonths, parent, null, audiensi);

    public static AudiensiInput Audiensi() => new(new DateOnly(2025, 10, 24), "Kantor Wali Kota Bontang",
        [new PersonInput("Neni Moerniaeni", "Wali Kota", "Pemkot Bontang")], "Penyerahan draf MoU");

    /// <summary>Legal, then the head of the institution, then the partner: the three actors above, in that order.</summary>
    public static IReadOnlyList<ReviewStepInput> Steps(int count = 3) =>
        new[] { (ReviewerRole.Legal, Legal), (ReviewerRole.HeadOfInstitution, Head), (ReviewerRole.Partner, Partner) }.Take(count)
            .Select(s => new ReviewStepInput(s.Item1, s.Item2.Name, s.Item2.Email, 5)).ToList();

    /// <summary>The directory's answer for the sample institution: its head may sit on the HeadOfInstitution step.</summary>
    public static readonly ReviewOfficials Officials = new([Head.Email], ["kakanwil@kanwil-kaltim.go.id"]);

    public static SigningInput Signing(DateOnly? signedOn = null) => new(
        signedOn ?? new DateOnly(2025, 11, 5), "Rutan Balikpapan", null,
        [new PersonInput("Agus Salim", "Kepala Rutan", "Rutan Balikpapan"), new PersonInput("Mohammad Effendi", "Pimpinan", "Yayasan SEKATA")],
        [new PersonInput("Pejabat Struktural", "Kasubsi", "Rutan Balikpapan")]);

    public static Agreement Drafting()
    {
        var (a, _) = Agreement.Create("agr-1", New(), Staff, Now);
        a.UploadDraft(Pdf(), "versi awal", Staff, Now);
        return a;
    }

    public static Agreement InReview(int steps = 3)
    {
        var a = Drafting();
        a.SubmitForReview(Steps(steps), Officials, Staff, Now);
        return a;
    }

    public static Agreement Approved()
    {
        var a = InReview(1);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now);
        return a;
    }

    public static Agreement Active(int validityMonths = 12)
    {
        var (a, _) = Agreement.Create("agr-1", New(validityMonths: validityMonths), Staff, Now);
        a.UploadDraft(Pdf(), null, Staff, Now);
        a.SubmitForReview(Steps(1), Officials, Staff, Now);
        a.Decide(1, 1, ReviewDecision.Approve, null, Legal, Now);
        a.Sign(Signing(), Pdf("doc-signed"), Staff, Now);
        return a;
    }
}
