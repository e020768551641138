using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>The commands on one agreement (DESIGN.md §4). Each answers with the agreement as it is after the command.</summary>
public static class AgreementCommandsApi
{
    public static IEndpointRouteBuilder MapAgreementCommandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agreements/{id}").WithTags("Agreement commands").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        group.MapPost("/drafts", UploadDraft).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data").Produces<DraftUploadResponse>(201).ProducesProblem(413).ProducesProblem(415);
        group.MapPost("/review", SubmitForReview).Produces<AgreementResponse>();
        group.MapPost("/review/decision", Decide).Produces<AgreementResponse>();
        group.MapPost("/signing", Sign).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data").Produces<AgreementResponse>().ProducesProblem(413).ProducesProblem(415);
        group.MapPut("/action-plan", SetActionPlan).Produces<AgreementResponse>();
        group.MapPost("/evaluations", RecordEvaluation).DisableAntiforgery()
            .Accepts<EvaluationRequest>("application/json", "multipart/form-data").Produces<AgreementResponse>().ProducesProblem(413).ProducesProblem(415);
        group.MapPost("/renewal", StartRenewal).Produces<AgreementResponse>(201);
        group.MapPost("/termination", Terminate).Produces<AgreementResponse>();
        return app;
    }

    private static async Task<StoredResponseResult> UploadDraft(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var response = await upload.RunAsync(http.Request, id, FileKinds.Contracts, fileRequired: true, form =>
            engine.ExecuteAsync(id, CommandContext.ForUpload(http, "draft", form), (a, now) =>
            {
                var uploaded = a.UploadDraft(form.File!, form.Field("note"), http.Actor(), now);
                return new Change([uploaded], Answer: (_, _, _) => AgreementEngine.Json(201,
                    new DraftUploadResponse(uploaded.Draft.Version, uploaded.Draft.Document.DocumentId, uploaded.Draft.Document.Sha256),
                    $"/api/agreements/{id}/documents/{uploaded.Draft.Document.DocumentId}"));
            }, ct), ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> SubmitForReview(string id, ReviewRequest body, HttpContext http, AgreementEngine engine, CancellationToken ct) =>
        (await engine.ExecuteAsync(Ids.Route(id), CommandContext.ForUser(http, "review", body),
            (a, now) => Change.Of(a.SubmitForReview(body.Steps, http.Actor(), now)), ct)).ToResult();

    /// <summary>An official's decision, by the official themself (their email is the step's) or an admin. The email link (next) uses the same command.</summary>
    private static async Task<StoredResponseResult> Decide(string id, DecisionRequest body, HttpContext http, AgreementEngine engine, CancellationToken ct)
    {
        var v = new Validator();
        var round = v.Range("round", body.Round, 1, 1000);
        var step = v.Range("step", body.Step, 1, Agreement.MaxReviewSteps);
        var decision = v.Required("decision", body.Decision);
        v.ThrowIfAny();
        var context = CommandContext.ForUser(http, "decision", body, (caller, a) =>
        {
            var official = a.ReviewRounds.FirstOrDefault(r => r.Round == round)?.Steps.FirstOrDefault(s => s.Step == step);
            if (!caller.IsAdmin && official is not null && official.Email != caller.Email)
                throw new ForbiddenException($"Langkah {step} diperuntukkan bagi {official.Name}.");
            if (official is null) caller.EnsureCanRead(a);
        });
        return (await engine.ExecuteAsync(Ids.Route(id), context,
            (a, now) => Change.Of(a.Decide(round, step, decision, body.Comment, context.Actor, now)), ct)).ToResult();
    }

    private static async Task<StoredResponseResult> Sign(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        var response = await upload.RunAsync(http.Request, id, FileKinds.SignedCopies, fileRequired: true, form =>
        {
            var signing = new SigningInput(form.Date("signedOn"), form.Field("place"), form.Date("effectiveFrom"),
                form.Json<List<PersonInput>>("signatories"), form.Json<List<PersonInput>>("witnesses"));
            return engine.ExecuteAsync(id, CommandContext.ForUpload(http, "signing", form),
                (a, now) => Change.Of(a.Sign(signing, form.File!, http.Actor(), now)), ct);
        }, ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> SetActionPlan(string id, ActionPlanRequest body, HttpContext http, AgreementEngine engine, CancellationToken ct) =>
        (await engine.ExecuteAsync(Ids.Route(id), CommandContext.ForUser(http, "action-plan", body),
            (a, now) => Change.Of(a.SetActionPlan(body.Items, http.Actor(), now)), ct)).ToResult();

    private static async Task<StoredResponseResult> RecordEvaluation(
        string id, HttpContext http, AgreementEngine engine, AgreementStore store, UploadCommand upload, CancellationToken ct)
    {
        await EnsureWritableAsync(Ids.Route(id), http, store, ct);
        if (!http.Request.HasFormContentType)
        {
            var body = await ReadJsonAsync<EvaluationRequest>(http, ct);
            return (await engine.ExecuteAsync(id, CommandContext.ForUser(http, "evaluation", body),
                (a, now) => Change.Of(a.RecordEvaluation(body.Input, null, http.Actor(), now)), ct)).ToResult();
        }
        var response = await upload.RunAsync(http.Request, id, FileKinds.Evidence, fileRequired: false, form =>
        {
            var body = form.Json<EvaluationRequest>("evaluation") ?? throw DomainValidationException.For("evaluation", "Wajib diisi (JSON).");
            return engine.ExecuteAsync(id, CommandContext.ForUpload(http, "evaluation", form),
                (a, now) => Change.Of(a.RecordEvaluation(body.Input, form.File, http.Actor(), now)), ct);
        }, ct);
        return response.ToResult();
    }

    private static async Task<StoredResponseResult> StartRenewal(string id, RenewalRequest body, HttpContext http, AgreementEngine engine, CancellationToken ct) =>
        (await engine.StartRenewalAsync(Ids.Route(id), CommandContext.ForUser(http, "renewal", body), body.ValidityMonths, ct)).ToResult();

    private static async Task<StoredResponseResult> Terminate(string id, TerminationRequest body, HttpContext http, AgreementEngine engine, CancellationToken ct) =>
        (await engine.ExecuteAsync(Ids.Route(id), CommandContext.ForUser(http, "termination", body),
            (a, now) => Change.Of(a.Terminate(body.Reason, body.EffectiveOn, http.Actor(), now)), ct)).ToResult();

    /// <summary>Checked before a file is accepted, so that no one uploads 25 MiB only to be refused.</summary>
    private static async Task EnsureWritableAsync(string id, HttpContext http, AgreementStore store, CancellationToken ct) =>
        http.Caller().EnsureCanWrite((await store.GetAsync(id, ct)).Agreement);

    private static async Task<T> ReadJsonAsync<T>(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
            throw new UnsupportedMediaTypeException("Kirim sebagai application/json atau multipart/form-data.");
        return await http.Request.ReadFromJsonAsync<T>(SinergiJson.Options, ct)
            ?? throw DomainValidationException.For("body", "Wajib diisi.");
    }
}
