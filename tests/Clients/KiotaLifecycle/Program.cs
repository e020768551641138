// Drives a whole agreement lifecycle through the client Kiota generated from the app's served description (Generated/).
// Besides that client, the only HTTP here is reading the approval e-mails from maildev. Any step that goes otherwise
// throws, and the program exits non-zero.
// Usage: KiotaLifecycle <app base URL> <maildev web URL>
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Sinergi.Client;
using Sinergi.Client.Api.Agreements;
using Sinergi.Client.Models;

var (baseUrl, maildevUrl) = (args[0], args[1]);
var suffix = Guid.NewGuid().ToString("N")[..8];
var (institutionId, partnerId, regionId) = ($"lapas-kiota-{suffix}", $"mitra-kiota-{suffix}", $"kanwil-kiota-{suffix}");
var legal = $"hukum@kiota-{suffix}.go.id";
var today = DateTime.UtcNow; // the institution (WITA) is ahead of UTC, so this day is never in its future
var date = new Date(today.Year, today.Month, today.Day);
var pdf = "%PDF-1.4\n% Sinergi Kiota client\n%%EOF\n"u8.ToArray();
var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };

IRequestAdapter Adapter(string? token) =>
    new HttpClientRequestAdapter(token is null ? new AnonymousAuthenticationProvider() : new BearerToken(token)) { BaseUrl = baseUrl };

async Task<string> TokenAsync(string email, string name, string role, string? institution = null, string? region = null) =>
    (await new SinergiClient(Adapter(null)).Api.Dev.Token.PostAsync(new DevTokenRequest { Email = email, Name = name, Roles = [role], Institution = institution, Region = region }))!.Token!;

async Task<SinergiClient> AsUser(string email, string name, string role, string? institution = null, string? region = null) =>
    new(Adapter(await TokenAsync(email, name, role, institution, region)));

// A refusal says why, as the problem the app answered.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    Console.Error.WriteLine(e.ExceptionObject is IParsable problem ? KiotaJsonSerializer.SerializeAsString(problem) : e.ExceptionObject.ToString());

void Expect(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException($"Expected: {what}");
    Console.WriteLine($"ok  {what}");
}

// The directory: an institution of a region, its Kanwil, and a partner.
var admin = await AsUser("admin@ditjenpas.go.id", "Admin", "admin");
await admin.Api.Institutions.PostAsync(new InstitutionRequest
{
    Id = institutionId, Name = "Lapas Kelas IIA Bontang", Kind = InstitutionKind.Lapas, Class = "IIA", RegionId = regionId,
    TimeZone = "Asia/Makassar", HeadName = "Kalapas Bontang", HeadEmail = $"kalapas@kiota-{suffix}.go.id",
});
await admin.Api.Partners.PostAsync(new PartnerRequest
{
    Id = partnerId, Name = "Pemerintah Kota Bontang", Kind = PartnerKind.LocalGovernment, ContactName = "Wali Kota", ContactEmail = $"walikota@kiota-{suffix}.go.id",
});
var staffAdapter = Adapter(await TokenAsync($"staf@kiota-{suffix}.go.id", "Staf Lapas", "staff", institutionId, regionId));
var staff = new SinergiClient(staffAdapter);
var kanwil = await AsUser($"kanwil@kiota-{suffix}.go.id", "Staf Kanwil", "kanwil", region: regionId);
var official = await AsUser(legal, "Analis Hukum", "approver");

// An audiensi, then drafts and two review rounds: changes asked, then approved.
var created = await staff.Api.Agreements.PostAsync(new CreateAgreementRequest
{
    InstitutionId = institutionId, PartnerId = partnerId, Kind = AgreementKind.Mou, Title = "MoU Pembinaan Kemandirian WBP Kota Bontang",
    Purpose = "Pelatihan kerja dan pemasaran hasil karya warga binaan.", ValidityMonths = 36,
    Scope = [new ScopeInput { Area = ProgramArea.WorkSkills, Description = "Pelatihan kerja" }, new ScopeInput { Area = ProgramArea.ProductMarketing, Description = "Pemasaran produk" }],
    Audiensi = new AudiensiInput
    {
        Date = date, Place = "Kantor Wali Kota Bontang", Notes = "Penyerahan draf MoU",
        Attendees = [new PersonInput { Name = "Wali Kota", Position = "Wali Kota", Organization = "Pemkot Bontang" }],
    },
});
var id = created!.Id!;
Expect(created.Status == AgreementStatus.Exploring, "an agreement with an audiensi starts Exploring");
var agreement = staff.Api.Agreements[id];

var first = await agreement.Drafts.PostAsync(Upload(("file", "application/pdf", pdf, "draf-mou.pdf"), ("note", "text/plain", "draf awal", null)));
Expect(first!.Version == 1 && first.Sha256!.Length == 64, "the first draft is version 1 with its SHA-256");
var review = new ReviewRequest { Steps = [new ReviewStepInput { Role = ReviewerRole.Legal, Name = "Analis Hukum", Email = legal, DaysAllowed = 5 }] };
Expect((await agreement.Review.PostAsync(review))!.Status == AgreementStatus.InReview, "the draft goes to review");
await ApprovalLinkAsync(legal, 1);
var revised = await official.Api.Agreements[id].Review.Decision.PostAsync(new DecisionRequest { Round = 1, Step = 1, Decision = ReviewDecision.Revise, Comment = "Perbaiki pasal 3" });
Expect(revised!.Status == AgreementStatus.Drafting, "asking for changes sends it back to drafting");

var second = await agreement.Drafts.PostAsync(Upload(("file", "application/pdf", pdf.Concat("% v2\n"u8.ToArray()).ToArray(), "draf-mou-2.pdf")));
Expect(second!.Version == 2, "the revised draft is version 2");
await agreement.Review.PostAsync(review);
await ApprovalLinkAsync(legal, 2);
var approved = await official.Api.Agreements[id].Review.Decision.PostAsync(new DecisionRequest { Round = 2, Step = 1, Decision = ReviewDecision.Approve });
Expect(approved!.Status == AgreementStatus.Approved, "the second round approves it");

// Signing, the action plan, an evaluation with its evidence, and a renewal.
var signed = await agreement.Signing.PostAsync(Upload(
    ("signedOn", "text/plain", date.ToString(), null), ("place", "text/plain", "Kantor Wali Kota Bontang", null),
    // A list part is written by Kiota's JSON serializer; MultipartBody itself takes one model, text or bytes a part.
    ("signatories", "application/json", KiotaJsonSerializer.SerializeAsStream(new List<PersonInput>
    {
        new() { Name = "Kalapas Bontang", Position = "Kepala Lapas", Organization = "Lapas Bontang" },
        new() { Name = "Wali Kota", Position = "Wali Kota", Organization = "Pemkot Bontang" },
    }), null),
    ("file", "application/pdf", pdf, "mou-ditandatangani.pdf")));
Expect(signed!.Status == AgreementStatus.Active && signed.ExpiresOn is not null, "the signed agreement is Active with its expiry");
var planned = await agreement.ActionPlan.PutAsync(new ActionPlanRequest
{
    Items = [new ActionItemInput { Activity = "Pelatihan menjahit", Owner = "Kasi Giatja", Status = ActionItemStatus.InProgress, Frequency = "bulanan" }],
});
Expect(planned!.ActionPlan!.Count == 1, "the action plan has its item");
// The evaluations take JSON or multipart; for an operation with two media types Kiota generates a model, which its
// multipart writer refuses, so the multipart body goes through the builder's own request and the client's adapter.
var evaluation = agreement.Evaluations.ToPostRequestInformation(new EvaluationRequest());
evaluation.Headers.Remove("Content-Type");
evaluation.SetContentFromParsable(staffAdapter, "multipart/form-data", Upload(
    ("evaluation", "application/json", new EvaluationRequest
    {
        PeriodEnd = date, Summary = "Pelatihan berjalan.", Recommendation = Recommendation.Renew,
        ItemScores = [new ItemScoreInput { Activity = "Pelatihan menjahit", Score = 4 }],
    }, null),
    ("file", "image/png", png, "foto-kegiatan.png")));
var evaluated = await staffAdapter.SendAsync(evaluation, AgreementResponse.CreateFromDiscriminatorValue,
    new Dictionary<string, ParsableFactory<IParsable>>
    {
        ["400"] = HttpValidationProblemDetails.CreateFromDiscriminatorValue, ["XXX"] = ProblemDetails.CreateFromDiscriminatorValue,
    });
Expect(evaluated!.Evaluations!.Count == 1 && evaluated.Evaluations[0].Document is not null, "the evaluation is recorded with its evidence");
var renewal = await agreement.Renewal.PostAsync(new RenewalRequest { ValidityMonths = 24 });
Expect(renewal!.Status == AgreementStatus.Drafting && renewal.RenewalOfId == id, "a renewal starts as a draft of the agreement it renews");

// A second agreement rejected in review.
var other = await staff.Api.Agreements.PostAsync(new CreateAgreementRequest
{
    InstitutionId = institutionId, PartnerId = partnerId, Kind = AgreementKind.Pks, Title = "PKS Layanan Kesehatan WBP", Purpose = "Layanan kesehatan.",
    ValidityMonths = 12, Scope = [new ScopeInput { Area = ProgramArea.Health, Description = "Layanan kesehatan" }],
});
await staff.Api.Agreements[other!.Id!].Drafts.PostAsync(Upload(("file", "application/pdf", pdf, "pks.pdf")));
await staff.Api.Agreements[other.Id!].Review.PostAsync(review);
var rejected = await official.Api.Agreements[other.Id!].Review.Decision.PostAsync(new DecisionRequest { Round = 1, Step = 1, Decision = ReviewDecision.Reject, Comment = "Tidak sesuai" });
Expect(rejected!.Status == AgreementStatus.Rejected, "a rejection ends the other agreement");
try
{
    await staff.Api.Agreements[other.Id!].Renewal.PostAsync(new RenewalRequest { ValidityMonths = 12 });
    Expect(false, "renewing a rejected agreement is refused");
}
catch (ProblemDetails problem)
{
    Expect(problem.Status == 409 && problem.Type == "urn:sinergi:problem:invalid-move", "renewing a rejected agreement is refused as an invalid move");
}

// An agreement signed before Sinergi, imported by the Kanwil, then terminated.
var imported = await kanwil.Api.Agreements.Import.PostAsync(Upload(
    ("agreement", "application/json", new ImportAgreementRequest
    {
        InstitutionId = institutionId, PartnerId = partnerId, Kind = AgreementKind.Pks, Title = "PKS Rehabilitasi Narkotika", Purpose = "Rehabilitasi.",
        Scope = [new ScopeInput { Area = ProgramArea.DrugRehabilitation, Description = "Rehabilitasi" }], ValidityMonths = 24,
        SignedOn = date, Place = "Kanwil",
        Signatories = [new PersonInput { Name = "Kakanwil", Position = "Kepala Kanwil", Organization = "Kanwil" }, new PersonInput { Name = "Mitra", Position = "Direktur", Organization = "Klinik" }],
    }, null),
    ("file", "application/pdf", pdf, "pks-lama.pdf")));
Expect(imported!.Status == AgreementStatus.Active && imported.Imported == true, "the imported agreement is Active");
var terminated = await staff.Api.Agreements[imported.Id!].Termination.PostAsync(new TerminationRequest { Reason = "Program selesai lebih awal", EffectiveOn = date });
Expect(terminated!.Status == AgreementStatus.Terminated, "the imported agreement is terminated");

// Lists (a projection, which may lag a moment), history with typed events, and a document as uploaded.
var listed = new HashSet<string>();
for (var attempt = 0; attempt < 100 && listed.Count < 4; attempt++, await Task.Delay(200))
{
    var page = await staff.Api.Agreements.GetAsync(r => { r.QueryParameters.InstitutionId = institutionId; r.QueryParameters.PageSize = 50; });
    listed = page!.Items!.Select(i => i.Id!).ToHashSet();
}
Expect(listed.SetEquals([id, renewal.Id!, other.Id!, imported.Id!]), "the institution's list holds its four agreements");
var terminatedOnly = await staff.Api.Agreements.GetAsync(r => { r.QueryParameters.InstitutionId = institutionId; r.QueryParameters.Status = GetStatusQueryParameterType.Terminated; });
Expect(terminatedOnly!.Items!.Single().Id == imported.Id, "the list filtered by status holds the terminated one");

var history = await agreement.History.GetAsync();
Expect(history!.Verified == true, "the history's hash chain is whole");
var decisions = history.Events!.Select(e => e.Data).OfType<ReviewStepDecided>().Select(d => d.Decision).ToList();
Expect(decisions.SequenceEqual([ReviewDecision.Revise, ReviewDecision.Approve]), "the history's decisions read as typed events");
Expect(history.Events!.Select(e => e.Data).OfType<DraftUploaded>().Select(d => d.Draft!.Version).SequenceEqual([1, 2]), "the history's drafts read as typed events");
Expect(history.Events!.Select(e => e.Data).OfType<RenewalStarted>().Single().RenewalId == renewal.Id, "the renewal reads as a typed event");

await using var download = await agreement.Documents[first.DocumentId!].GetAsync();
using var copy = new MemoryStream();
await download!.CopyToAsync(copy);
Expect(copy.ToArray().SequenceEqual(pdf), "the first draft downloads as uploaded");
Console.WriteLine("The whole lifecycle went through the generated client.");

static MultipartBody Upload(params (string Name, string ContentType, object Value, string? FileName)[] parts)
{
    var body = new MultipartBody();
    foreach (var (name, contentType, value, fileName) in parts)
    {
        if (value is byte[] bytes) body.AddOrReplacePart(name, contentType, new MemoryStream(bytes), fileName);
        else if (value is IParsable model) body.AddOrReplacePart(name, contentType, model, fileName);
        else body.AddOrReplacePart(name, contentType, value, fileName);
    }
    return body;
}

// Reads the official's approval e-mails from maildev until the n-th has come, and checks it carries a link.
async Task ApprovalLinkAsync(string address, int count)
{
    using var maildev = new HttpClient { BaseAddress = new Uri(maildevUrl) };
    for (var attempt = 0; attempt < 150; attempt++, await Task.Delay(200))
    {
        var mails = (await maildev.GetFromJsonAsync<JsonArray>("api/email"))!
            .Where(m => m!["to"]!.AsArray().Any(t => string.Equals(t!["address"]!.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase))).ToList();
        if (mails.Count < count) continue;
        Expect(mails.All(m => m!["text"]!.GetValue<string>().Contains("/approvals/")), $"approval e-mail {count} to {address} carries its link");
        return;
    }
    throw new TimeoutException($"No approval e-mail {count} to {address}.");
}

/// <summary>Kiota's extension point for credentials: the development token as a bearer header.</summary>
sealed class BearerToken(string token) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        request.Headers.Add("Authorization", $"Bearer {token}");
        return Task.CompletedTask;
    }
}
