// Drives the JSON operations of an agreement's lifecycle through the client NSwag generated from the app's served
// description (Generated/), enums sent as strings. The uploads NSwag can send as described (an import, whose agreement
// is one JSON part, and a draft) go through it too; a signing's lists of people as JSON parts it cannot, so the agreement
// that reaches Active here is an imported one. Any step that goes otherwise throws, and the program exits non-zero.
// Usage: NSwagLifecycle <app base URL>
using System.Net.Http.Headers;
using Sinergi.NSwagClient;

var baseUrl = args[0];
var suffix = Guid.NewGuid().ToString("N")[..8];
var (institutionId, partnerId, regionId) = ($"lapas-nswag-{suffix}", $"mitra-nswag-{suffix}", $"kanwil-nswag-{suffix}");
var legal = $"hukum@nswag-{suffix}.go.id";
var today = DateOnly.FromDateTime(DateTime.UtcNow); // the institution (WITA) is ahead of UTC, so this day is never in its future
var pdf = "%PDF-1.4\n% Sinergi NSwag client\n%%EOF\n"u8.ToArray();

SinergiClient Client(string? token)
{
    var http = new HttpClient();
    if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return new SinergiClient(http) { BaseUrl = baseUrl };
}

async Task<SinergiClient> AsUser(string email, string name, string role, string? institution = null, string? region = null) =>
    Client((await Client(null).CreateDevTokenAsync(new DevTokenRequest { Email = email, Name = name, Roles = [role], Institution = institution, Region = region })).Token);

void Expect(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException($"Expected: {what}");
    Console.WriteLine($"ok  {what}");
}

try
{
    var admin = await AsUser("admin@ditjenpas.go.id", "Admin", "admin");
    await admin.CreateInstitutionAsync(new InstitutionRequest
    {
        Id = institutionId, Name = "Rutan Kelas IIB Barabai", Kind = InstitutionKind.Rutan, RegionId = regionId,
        TimeZone = "Asia/Makassar", HeadName = "Karutan Barabai", HeadEmail = $"karutan@nswag-{suffix}.go.id",
    });
    await admin.CreatePartnerAsync(new PartnerRequest
    {
        Id = partnerId, Name = "Dinas Kesehatan Kabupaten Hulu Sungai Tengah", Kind = PartnerKind.LocalGovernment,
        ContactName = "Kepala Dinas", ContactEmail = $"dinkes@nswag-{suffix}.go.id",
    });
    var staff = await AsUser($"staf@nswag-{suffix}.go.id", "Staf Rutan", "staff", institutionId, regionId);
    var kanwil = await AsUser($"kanwil@nswag-{suffix}.go.id", "Staf Kanwil", "kanwil", region: regionId);
    var official = await AsUser(legal, "Analis Hukum", "approver");

    // An agreement signed before Sinergi, imported, then followed: its plan, an evaluation, a renewal.
    var imported = await kanwil.ImportAgreementAsync(agreement: new ImportAgreementRequest
    {
        InstitutionId = institutionId, PartnerId = partnerId, Kind = AgreementKind.Pks, Title = "PKS Layanan Kesehatan Warga Binaan",
        Purpose = "Pemeriksaan kesehatan berkala.", ValidityMonths = 24, SignedOn = today, Place = "Aula Pemkab HST",
        Scope = [new ScopeInput { Area = ProgramArea.Health, Description = "Pemeriksaan kesehatan" }],
        Signatories = [new PersonInput { Name = "Karutan", Position = "Kepala Rutan", Organization = "Rutan Barabai" }, new PersonInput { Name = "Kadinkes", Position = "Kepala Dinas", Organization = "Dinkes HST" }],
    }, file: new FileParameter(new MemoryStream(pdf), "pks.pdf", "application/pdf"));
    Expect(imported.Status == AgreementStatus.Active && imported.Kind == AgreementKind.Pks, "the imported agreement is Active");
    var id = imported.Id;

    var planned = await staff.SetActionPlanAsync(id, new ActionPlanRequest
    {
        Items = [new ActionItemInput { Activity = "Pemeriksaan kesehatan", Owner = "Dinkes HST", Status = ActionItemStatus.Planned, DueOn = today.AddMonths(1) }],
    });
    Expect(planned.ActionPlan.Single().Status == ActionItemStatus.Planned, "the action plan's status reads back as an enum");
    var evaluated = await staff.RecordEvaluationAsync(id, new EvaluationRequest
    {
        PeriodEnd = today, Summary = "Pemeriksaan berjalan.", Recommendation = Recommendation.Renew,
        ItemScores = [new ItemScoreInput { Activity = "Pemeriksaan kesehatan", Score = 5 }],
    });
    Expect(evaluated.Evaluations.Single().Recommendation == Recommendation.Renew, "the evaluation is recorded");
    var renewal = await staff.StartRenewalAsync(id, new RenewalRequest { ValidityMonths = 36 });
    Expect(renewal.Status == AgreementStatus.Drafting && renewal.RenewalOfId == id, "the renewal starts as a draft");

    // The renewal's review, approved; a second draft rejected.
    var steps = new ReviewRequest { Steps = [new ReviewStepInput { Role = ReviewerRole.Legal, Name = "Analis Hukum", Email = legal, DaysAllowed = 5 }] };
    await staff.UploadDraftAsync(renewal.Id, file: new FileParameter(new MemoryStream(pdf), "draf.pdf", "application/pdf"), note: "draf perpanjangan");
    Expect((await staff.SubmitForReviewAsync(renewal.Id, steps)).Status == AgreementStatus.InReview, "the renewal goes to review");
    var approved = await official.DecideReviewStepAsync(renewal.Id, new DecisionRequest { Round = 1, Step = 1, Decision = ReviewDecision.Approve });
    Expect(approved.Status == AgreementStatus.Approved, "the official approves it");

    var other = await staff.CreateAgreementAsync(new CreateAgreementRequest
    {
        InstitutionId = institutionId, PartnerId = partnerId, Kind = AgreementKind.Mou, Title = "MoU Pembinaan Keagamaan", Purpose = "Pembinaan.",
        ValidityMonths = 12, Scope = [new ScopeInput { Area = ProgramArea.Spiritual, Description = "Pembinaan keagamaan" }],
    });
    await staff.UploadDraftAsync(other.Id, file: new FileParameter(new MemoryStream(pdf), "mou.pdf", "application/pdf"));
    await staff.SubmitForReviewAsync(other.Id, steps);
    var rejected = await official.DecideReviewStepAsync(other.Id, new DecisionRequest { Round = 1, Step = 1, Decision = ReviewDecision.Reject, Comment = "Belum sesuai" });
    Expect(rejected.Status == AgreementStatus.Rejected, "the official rejects the other");
    try
    {
        await staff.StartRenewalAsync(other.Id, new RenewalRequest { ValidityMonths = 12 });
        Expect(false, "renewing a rejected agreement is refused");
    }
    catch (ApiException<ProblemDetails> problem)
    {
        Expect(problem.StatusCode == 409 && problem.Result.Type == "urn:sinergi:problem:invalid-move", "renewing a rejected agreement is refused as an invalid move");
    }

    // A termination ahead of its day, withdrawn; then one that takes effect.
    var scheduled = await staff.TerminateAgreementAsync(id, new TerminationRequest { Reason = "Program dialihkan", EffectiveOn = today.AddDays(30) });
    Expect(scheduled.Status == AgreementStatus.Active && scheduled.Termination is not null, "a termination ahead of its day is scheduled");
    var withdrawn = await staff.WithdrawTerminationAsync(id, new WithdrawalRequest { Reason = "Program berlanjut" });
    Expect(withdrawn.Termination is null, "the scheduled termination is withdrawn");
    var terminated = await staff.TerminateAgreementAsync(id, new TerminationRequest { Reason = "Program selesai", EffectiveOn = today });
    Expect(terminated.Status == AgreementStatus.Terminated, "the agreement is terminated");

    // Lists (a projection, which may lag a moment) and the typed history.
    var listed = new HashSet<string>();
    for (var attempt = 0; attempt < 100 && listed.Count < 3; attempt++, await Task.Delay(200))
        listed = (await staff.ListAgreementsAsync(institutionId: institutionId, pageSize: 50)).Items.Select(i => i.Id).ToHashSet();
    Expect(listed.SetEquals([id, renewal.Id, other.Id]), "the institution's list holds its three agreements");
    var rejectedOnly = await staff.ListAgreementsAsync(institutionId: institutionId, status: Status.Rejected);
    Expect(rejectedOnly.Items.Single().Id == other.Id, "the list filtered by status holds the rejected one");

    var history = await staff.GetAgreementHistoryAsync(id);
    Expect(history.Verified, "the history's hash chain is whole");
    Expect(history.Events.Select(e => e.Data).OfType<TerminationWithdrawn>().Single().Reason == "Program berlanjut", "the withdrawal reads as a typed event");
    Expect(history.Events.Select(e => e.Data).OfType<AgreementTerminated>().Single().EffectiveOn == today, "the termination reads as a typed event");
    Console.WriteLine("The JSON operations went through the generated client.");
}
catch (ApiException problem)
{
    Console.Error.WriteLine($"{problem.StatusCode}: {problem}");
    return 1;
}
return 0;
