using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Pages;

/// <summary>
/// The POSTs of the agreement page's forms. Each runs the same command as the API; success goes back to the
/// page (303), a refusal shows the page again with the entered values and the messages beside their fields.
/// </summary>
public static class AgreementFormHandlers
{
    /// <summary>The forms that carry a file, and the others.</summary>
    public static readonly string[] UploadForms = ["draft", "signing", "progress", "evaluation"], Forms = ["draft-generated", "review", "action-plan", "renewal", "termination", "withdrawal", "partner-link", "partner-link-revoke"];

    private static readonly (string Prefix, string[] Fields)[] Lists =
    [
        ("steps", ["role", "name", "email", "daysAllowed"]),
        ("signatories", ["name", "position", "organization"]),
        ("witnesses", ["name", "position", "organization"]),
        ("items", ["activity", "owner", "dueOn", "frequency", "status"]),
        ("itemScores", ["activity", "score"]),
    ];

    public static async Task<IResult> HandleAsync(string id, string action, HttpContext http, PageServices s, CancellationToken ct)
    {
        // Who may change the agreement is decided before a byte of the form is read.
        http.Caller().EnsureCanWrite((await s.Store.GetForCommandAsync(Ids.Route(id), ct)).Agreement);
        var upload = action == "progress" ? new MultipartUpload { ManyFiles = ("files", Agreement.MaxEvidenceFiles) } : new MultipartUpload();
        var values = new Dictionary<string, string>();
        try
        {
            var response = action switch
            {
                "draft" or "signing" or "progress" or "evaluation" => await UploadAsync(id, action, http, s, upload, ct),
                _ => await JsonLikeAsync(id, action, http, s, values = FormRows.Flatten(await http.Request.ReadFormAsync(ct)), ct),
            };
            var target = response.StatusCode == 201 && action == "renewal" && response.Location is { } location ? location.Replace("/api/agreements/", "") : id;
            return TypedResults.Redirect($"/app/perjanjian/{target}#{(target == id ? action : "tindakan")}");
        }
        catch (DomainValidationException e)
        {
            return await AgreementPage.ShowAsync(id, http, s, ct, State(action, values, upload, e.Errors), 400);
        }
        catch (Exception e) when (e is UnsupportedMediaTypeException or PayloadTooLargeException)
        {
            var errors = new Dictionary<string, string[]> { ["file"] = [e.Message + " Pilih berkas lagi."] };
            return await AgreementPage.ShowAsync(id, http, s, ct, State(action, values, upload, errors), e is PayloadTooLargeException ? 413 : 415);
        }
        catch (Exception e) when (e is InvalidMoveException or ConcurrencyConflictException)
        {
            return await AgreementPage.ShowAsync(id, http, s, ct, State(action, values, upload, new Dictionary<string, string[]>()), 409, e.Message);
        }
    }

    private static FormState State(string action, Dictionary<string, string> values, MultipartUpload upload, IReadOnlyDictionary<string, string[]> errors)
    {
        var entered = values.Count > 0 ? values : FormRows.Flatten(upload.Fields);
        return new FormState(action, FormRows.Compact(entered, Lists), errors);
    }

    private static Task<StoredResponse> JsonLikeAsync(string id, string action, HttpContext http, PageServices s, Dictionary<string, string> f, CancellationToken ct)
    {
        var context = CommandContext.ForUser(http, $"page-{action}", id, f, wantsAnswer: false, key: f.GetValueOrDefault(FormKey.Field));
        return action switch
        {
            "draft-generated" => s.Drafts.RunAsync(id, context, Drafts.DraftsApi.Culture(f.GetValueOrDefault("language")), ct),
            "review" => SubmitForReviewAsync(id, context, f, s, ct),
            "partner-link" => s.PartnerLinks.IssueAsync(id, context, s.Engine, ct),
            "partner-link-revoke" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.RevokePartnerLink(context.Actor, now)), ct),
            "action-plan" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.SetActionPlan(
                FormRows.Read(f, "items", ["activity", "owner", "dueOn", "frequency", "status"]).Where(r => r["activity"].Length > 0 || r["owner"].Length > 0)
                    .Select(r => new ActionItemInput(r["activity"], r["owner"], EnumOrNull<ActionItemStatus>(r["status"]),
                        DueOn: DateOrNull(r["dueOn"], "dueOn"), Frequency: NullIfEmpty(r["frequency"]))).ToList(),
                context.Actor, now)), ct),
            "renewal" => s.Engine.StartRenewalAsync(id, context, IntOrNull(f.GetValueOrDefault("validityMonths")), ct),
            "termination" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.Terminate(
                f.GetValueOrDefault("reason"), DateOrNull(f.GetValueOrDefault("effectiveOn"), "effectiveOn"), context.Actor, now)), ct),
            "withdrawal" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.WithdrawTermination(f.GetValueOrDefault("reason"), context.Actor, now)), ct),
            _ => throw new NotFoundException($"Tindakan '{action}' tidak dikenal."),
        };
    }

    private static async Task<StoredResponse> SubmitForReviewAsync(string id, CommandContext context, Dictionary<string, string> f, PageServices s, CancellationToken ct)
    {
        var officials = await s.Directory.ReviewOfficialsAsync((await s.Store.GetForCommandAsync(id, ct)).Agreement, ct);
        var steps = FormRows.Read(f, "steps", ["role", "name", "email", "daysAllowed"])
            .Select(r => new ReviewStepInput(EnumOrNull<ReviewerRole>(r["role"]), r["name"], r["email"], IntOrNull(r["daysAllowed"]))).ToList();
        return await s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.SubmitForReview(steps, officials, context.Actor, now)), ct);
    }

    private static async Task<StoredResponse> UploadAsync(string id, string action, HttpContext http, PageServices s, MultipartUpload into, CancellationToken ct)
    {
        var kinds = action switch { "draft" => FileKinds.Contracts, "signing" => FileKinds.SignedCopies, "progress" => FileKinds.ProgressEvidence, _ => FileKinds.Evidence };
        return await s.Upload.RunAsync(http.Request, id, kinds, fileRequired: action is "draft" or "signing", form =>
        {
            var f = FormRows.Flatten(form.Fields);
            var context = CommandContext.ForUpload(http, $"page-{action}", id, form, wantsAnswer: false, key: form.Field(FormKey.Field));
            return action switch
            {
                "draft" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.UploadDraft(form.File!, form.Field("note"), context.Actor, now)), ct),
                "progress" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.ReportProgress(form.Field("itemId") ?? "",
                    Progress(form), form.Many, context.Actor, now)), ct),
                "signing" => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.Sign(
                    new SigningInput(form.Date("signedOn"), form.Field("place"), form.Date("effectiveFrom"), People(f, "signatories"), People(f, "witnesses")),
                    form.File!, context.Actor, now)), ct),
                _ => s.Engine.ExecuteAsync(id, context, (a, now) => Change.Of(a.RecordEvaluation(new EvaluationInput(
                    form.Date("periodEnd"), form.Field("summary"), EnumOrNull<Recommendation>(form.Field("recommendation")),
                    FormRows.Read(f, "itemScores", ["activity", "score"]).Where(r => r["score"].Length > 0).Select(r => new ItemScoreInput(r["activity"], IntOrNull(r["score"]))).ToList()),
                    form.File, context.Actor, now)), ct),
            };
        }, ct, into);
    }

    /// <summary>A progress report as its form sends it: the staff page's and the partner's page's alike.</summary>
    public static ProgressInput Progress(MultipartUpload form) =>
        new(form.Date("date"), form.Field("summary"), EnumOrNull<ActionItemStatus>(form.Field("status")), IntOrNull(form.Field("participants")));

    private static List<PersonInput> People(IReadOnlyDictionary<string, string> f, string prefix) =>
        FormRows.Read(f, prefix, ["name", "position", "organization"]).Select(r => new PersonInput(r["name"], r["position"], r["organization"])).ToList();

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static int? IntOrNull(string? s) => int.TryParse(s, out var n) ? n : null;

    private static T? EnumOrNull<T>(string? s) where T : struct, Enum => Enum.TryParse<T>(s, out var v) && Enum.IsDefined(v) ? v : null;

    private static DateOnly? DateOrNull(string? s, string field) =>
        string.IsNullOrWhiteSpace(s) ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : throw DomainValidationException.For(field, "Tanggal harus berformat yyyy-MM-dd.");
}
