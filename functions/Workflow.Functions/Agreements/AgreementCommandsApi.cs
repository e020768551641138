using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>
/// The commands on one agreement (DESIGN.md §4). Each answers with the agreement as it is after the command. Each checks
/// that the caller may make it before it reads a byte of the body.
/// </summary>
public static class AgreementCommandsApi
{
    public static IEndpointRouteBuilder MapAgreementCommandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agreements/{id}").WithTags("Agreement commands").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
        group.MapPost("/drafts", UploadDraft).DisableAntiforgery().WithUploadLimit(app)
            .Accepts<DraftUploadForm>("multipart/form-data").Produces<DraftUploadResponse>(201).ProducesProblem(415)
            .WithName("uploadDraft").WithSummary("Upload the next draft version");
        group.MapPost("/review", SubmitForReview).WithBodyLimit(BodyLimit.Json).Accepts<ReviewRequest>("application/json").Produces<AgreementResponse>()
            .WithName("submitForReview").WithSummary("Submit the latest draft for review by ordered steps");
        group.MapPost("/review/decision", Decide).WithBodyLimit(BodyLimit.Json).Accepts<DecisionRequest>("application/json").Produces<DecisionResponse>()
            .WithName("decideReviewStep").WithSummary("Decide a review step (its official, or an admin)");
        group.MapPost("/signing", Sign).DisableAntiforgery().WithUploadLimit(app)
            .Accepts<SigningForm>("multipart/form-data").Produces<AgreementResponse>().ProducesProblem(415)
            .WithName("recordSigning").WithSummary("Record the signing, with the signed copy");
        group.MapPut("/action-plan", SetActionPlan).WithBodyLimit(BodyLimit.Json).Accepts<ActionPlanRequest>("application/json").Produces<AgreementResponse>()
            .WithName("setActionPlan").WithSummary("Replace the action plan");
        group.MapPost("/action-plan/{itemId}/progress", ReportProgress).DisableAntiforgery().WithUploadLimit(app, Agreement.MaxEvidenceFiles)
            .Accepts<ProgressForm>("multipart/form-data").Produces<ProgressReport>(201).ProducesProblem(415)
            .WithName("reportProgress").WithSummary("Report progress on an action-plan item, with evidence");
        group.MapPost("/evaluations", RecordEvaluation).DisableAntiforgery().WithUploadLimit(app)
            .Accepts<EvaluationRequest>("application/json", "multipart/form-data").WithMetadata(new MultipartForm(typeof(EvaluationForm))).Produces<AgreementResponse>().ProducesProblem(415)
            .WithName("recordEvaluation").WithSummary("Record an evaluation, with optional evidence");
        group.MapPost("/renewal", StartRenewal).WithBodyLimit(BodyLimit.Json).Accepts<RenewalRequest>("application/json").Produces<AgreementResponse>(201)
            .WithName("startRenewal").WithSummary("Start a renewal: a new agreement in Drafting");
        group.MapPost("/termination", Terminate).WithBodyLimit(BodyLimit.Json).Accepts<TerminationRequest>("application/json").Produces<AgreementResponse>()
            .WithName("terminateAgreement").WithSummary("Terminate, at once or from a day ahead");
        group.MapPost("/termination/withdrawal", WithdrawTermination).WithBodyLimit(BodyLimit.Json).Accepts<WithdrawalRequest>("application/json").Produces<AgreementResponse>()
            .WithName("withdrawTermination").WithSummary("Withdraw a termination scheduled ahead");
        return app;
    }

    private static async Task<StoredResponseResult> UploadDraft(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var response = await upload.RunAsync(http.Request, id, FileKinds.Contracts, fileRequired: true, form =>
            engine.ExecuteAsync(id, CommandContext.ForUpload(http, "draft", id, form), (a, now) =>
                Drafts.DraftGeneration.DraftUploadedChange(id, a.UploadDraft(form.File!, form.Field("note"), http.Actor(), now)), ct), ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> ReportProgress(
        string id, string itemId, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var form = new MultipartUpload { ManyFiles = ("files", Agreement.MaxEvidenceFiles) };
        var response = await upload.RunAsync(http.Request, id, FileKinds.ProgressEvidence, fileRequired: false, f =>
            engine.ExecuteAsync(id, CommandContext.ForUpload(http, "progress", $"{id}/{itemId}", f), (a, now) =>
                ProgressChange(id, a.ReportProgress(itemId, f.Json<ProgressInput>("report") ?? throw DomainValidationException.For("report", "Wajib mengisi laporan (JSON)."),
                    f.Many, http.Actor(), now)), ct), ct, form);
        return response.ToResult();
    }

    /// <summary>A progress report answers 201 with the report as recorded.</summary>
    public static Change ProgressChange(string id, ProgressReported reported) =>
        new([reported], Answer: (_, _, _) => AgreementEngine.Json(201, reported.Report, $"/api/agreements/{id}"));

    private static async Task<StoredResponseResult> SubmitForReview(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, DirectoryStore directory, CancellationToken ct)
    {
        var agreement = await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var body = await JsonBody.ReadAsync<ReviewRequest>(http.Request, ct);
        var officials = await directory.ReviewOfficialsAsync(agreement, ct);
        return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "review", id, body),
            (a, now) => Change.Of(a.SubmitForReview(body.Steps, officials, http.Actor(), now)), ct)).ToResult();
    }

    /// <summary>
    /// An official's decision, by the official themself (their e-mail is the step's) or an admin; the e-mail link uses the
    /// same command. The answer is the decided step and where the round stands, not the whole agreement.
    /// </summary>
    private static async Task<StoredResponseResult> Decide(string id, HttpContext http, AgreementEngine engine, AgreementStore store, CancellationToken ct)
    {
        var caller = http.Caller();
        static bool IsOfficial(Caller c, Agreement a) => c.IsAdmin || a.LatestRound?.Steps.Any(s => s.Email == c.Email) == true;
        var known = await store.GetForCommandAsync(Ids.Route(id), ct);
        // A round started elsewhere may not be in this instance's last known state: a refusal is decided on the stored one.
        if (!IsOfficial(caller, known.Agreement) && known.FromCache) known = await store.GetAsync(id, ct);
        if (!IsOfficial(caller, known.Agreement))
        {
            caller.EnsureCanRead(known.Agreement);
            throw new ForbiddenException("Anda bukan pejabat pada putaran reviu perjanjian ini.");
        }
        var body = await JsonBody.ReadAsync<DecisionRequest>(http.Request, ct);
        var v = new Validator();
        var round = v.Range("round", body.Round, 1, 1000);
        var step = v.Range("step", body.Step, 1, Agreement.MaxReviewSteps);
        var decision = v.Required("decision", body.Decision);
        v.ThrowIfAny();
        var context = CommandContext.ForUser(http, "decision", id, body, (c, a) =>
        {
            var official = a.LatestRound is { } latest && latest.Round == round ? latest.Steps.FirstOrDefault(s => s.Step == step) : null;
            if (!c.IsAdmin && official is not null && official.Email != c.Email)
                throw new ForbiddenException($"Langkah {step} diperuntukkan bagi {official.Name}.");
            // A round or step that is not there: say why (409) only to someone who may read the agreement.
            if (official is null) c.EnsureCanRead(a);
        });
        return (await engine.ExecuteAsync(id, context, (a, now) =>
        {
            var decided = a.Decide(round, step, decision, body.Comment, context.Actor, now);
            return new Change([decided], Answer: (after, version, _) => AgreementEngine.Json(200, new DecisionResponse(
                id, decided.Round, decided.Step, decided.Decision, decided.Comment, decided.At, decided.By.Email, decided.RoundOutcome, after.Status, version)));
        }, ct)).ToResult();
    }

    private static async Task<StoredResponseResult> Sign(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var response = await upload.RunAsync(http.Request, id, FileKinds.SignedCopies, fileRequired: true, form =>
        {
            var signing = new SigningInput(form.Date("signedOn"), form.Field("place"), form.Date("effectiveFrom"),
                form.Json<List<PersonInput>>("signatories"), form.Json<List<PersonInput>>("witnesses"));
            return engine.ExecuteAsync(id, CommandContext.ForUpload(http, "signing", id, form),
                (a, now) => Change.Of(a.Sign(signing, form.File!, http.Actor(), now)), ct);
        }, ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> SetActionPlan(string id, HttpContext http, AgreementEngine engine, AgreementStore store, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var body = await JsonBody.ReadAsync<ActionPlanRequest>(http.Request, ct);
        return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "action-plan", id, body),
            (a, now) => Change.Of(a.SetActionPlan(body.Items, http.Actor(), now)), ct)).ToResult();
    }

    private static async Task<StoredResponseResult> RecordEvaluation(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        if (!http.Request.HasFormContentType)
        {
            // The endpoint takes files, so its limit is the document limit; a JSON evaluation gets the JSON limit.
            LimitBody(http, BodyLimit.Json);
            if (!http.Request.HasJsonContentType())
                throw new UnsupportedMediaTypeException("Kirim sebagai application/json atau multipart/form-data.");
            var body = await JsonBody.ReadAsync<EvaluationRequest>(http.Request, ct);
            return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "evaluation", id, body),
                (a, now) => Change.Of(a.RecordEvaluation(body.Input, null, http.Actor(), now)), ct)).ToResult();
        }
        var response = await upload.RunAsync(http.Request, id, FileKinds.Evidence, fileRequired: false, form =>
        {
            var body = form.Json<EvaluationRequest>("evaluation") ?? throw DomainValidationException.For("evaluation", "Wajib diisi (JSON).");
            return engine.ExecuteAsync(id, CommandContext.ForUpload(http, "evaluation", id, form),
                (a, now) => Change.Of(a.RecordEvaluation(body.Input, form.File, http.Actor(), now)), ct);
        }, ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> StartRenewal(string id, HttpContext http, AgreementEngine engine, AgreementStore store, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var body = await JsonBody.ReadAsync<RenewalRequest>(http.Request, ct);
        return (await engine.StartRenewalAsync(id, CommandContext.ForUser(http, "renewal", id, body), body.ValidityMonths, ct)).ToResult();
    }

    private static async Task<StoredResponseResult> Terminate(string id, HttpContext http, AgreementEngine engine, AgreementStore store, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var body = await JsonBody.ReadAsync<TerminationRequest>(http.Request, ct);
        return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "termination", id, body),
            (a, now) => Change.Of(a.Terminate(body.Reason, body.EffectiveOn, http.Actor(), now)), ct)).ToResult();
    }

    private static async Task<StoredResponseResult> WithdrawTermination(string id, HttpContext http, AgreementEngine engine, AgreementStore store, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var body = await JsonBody.ReadAsync<WithdrawalRequest>(http.Request, ct);
        return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "withdrawal", id, body),
            (a, now) => Change.Of(a.WithdrawTermination(body.Reason, http.Actor(), now)), ct)).ToResult();
    }

    /// <summary>
    /// Checked before a byte of the body is read. An agreement's institution and region never change, so the state this
    /// instance last knew is good enough to decide, and the command then starts from it without another read.
    /// </summary>
    private static async Task<Agreement> EnsureWritableAsync(string id, HttpContext http, AgreementStore store, CancellationToken ct)
    {
        var agreement = (await store.GetForCommandAsync(id, ct)).Agreement;
        http.Caller().EnsureCanWrite(agreement);
        return agreement;
    }

    private static void LimitBody(HttpContext http, long bytes)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = bytes;
    }
}
