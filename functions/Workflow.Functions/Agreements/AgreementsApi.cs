using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Creating, importing, listing and reading agreements. The commands on one agreement are in <see cref="AgreementCommandsApi"/>.</summary>
public static class AgreementsApi
{
    public static IEndpointRouteBuilder MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/agreements").WithTags("Agreements").RequireAuthorization();
        group.MapPost("/", Create).WithBodyLimit(BodyLimit.Json).Accepts<CreateAgreementRequest>("application/json")
            .Produces<AgreementResponse>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422)
            .WithName("createAgreement").WithSummary("Create an agreement, from an audiensi or directly as a draft");
        group.MapPost("/import", Import).DisableAntiforgery().WithUploadLimit(app)
            .Accepts<ImportForm>("multipart/form-data")
            .Produces<AgreementResponse>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(413).ProducesProblem(415)
            .WithName("importAgreement").WithSummary("Import an agreement signed before Sinergi (Kanwil or admin)");
        group.MapGet("/", List).ProducesValidationProblem().ProducesProblem(403)
            .WithName("listAgreements").WithSummary("List the agreements the caller may see, a page at a time")
            .WithDescription("Read from list projections, which follow each change a moment after it is acknowledged: an agreement just created or changed may show its earlier state (or not yet show) for up to a few seconds. `GET /api/agreements/{id}` always answers the agreement as stored. Pass `continuationToken` back for the next page; null on the last.");
        group.MapGet("/{id}", Get).ProducesProblem(403).ProducesProblem(404)
            .WithName("getAgreement").WithSummary("Get one agreement, with the moves the caller may make on it now");
        group.MapGet("/{id}/history", History).ProducesProblem(403).ProducesProblem(404)
            .WithName("getAgreementHistory").WithSummary("Get an agreement's events, with its hash chain checked");
        group.MapGet("/{id}/documents/{documentId}", Document).Produces(200, typeof(Stream), FileKinds.ContentType(FileKind.Pdf), [.. FileKinds.Evidence.Skip(1).Select(FileKinds.ContentType)]).ProducesProblem(403).ProducesProblem(404)
            .WithName("getAgreementDocument").WithSummary("Download one of an agreement's documents");
        return app;
    }

    private static async Task<StoredResponseResult> Create(HttpContext http, NewAgreementResolver resolver, AgreementEngine engine, CancellationToken ct)
    {
        if (!http.Caller().MayWriteAnywhere) throw new ForbiddenException("Peran Anda tidak dapat membuat perjanjian.");
        var body = await JsonBody.ReadAsync<CreateAgreementRequest>(http.Request, ct);
        var context = CommandContext.ForUser(http, "create", "", body);
        var id = context.NewAgreementId();
        var input = await resolver.ResolveAsync(body, http.Caller(), null, ct);
        var response = await engine.CreateAsync(id, context, now => Agreement.Create(id, input, context.Actor, now), ct);
        return response.ToResult();
    }

    /// <summary>
    /// An agreement signed before Sinergi: the Kanwil's or admin's. Who may import is decided before a byte of the signed copy
    /// is taken, from the token and then from the <c>agreement</c> part, which must come before the file.
    /// </summary>
    private static async Task<StoredResponseResult> Import(
        HttpContext http, NewAgreementResolver resolver, AgreementEngine engine, UploadCommand upload, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!caller.MayImportAnywhere)
            throw new ForbiddenException("Perjanjian yang ditandatangani sebelum Sinergi diimpor oleh Kanwil wilayahnya atau admin.");
        // The id is fixed before the file arrives, so the blob lands under its agreement; it depends on the key only.
        var id = CommandContext.NewAgreementId(CommandContext.KeyFrom(http, caller, "import", "", ""));
        ImportAgreementRequest? body = null;
        NewAgreement? input = null;
        var response = await upload.RunAsync(http.Request, id, FileKinds.SignedCopies, fileRequired: true, async form =>
        {
            var context = CommandContext.ForUpload(http, "import", "", form);
            return await engine.CreateAsync(id, context, now => Agreement.Import(id, input!, body!.Signing, form.File!, context.Actor, now), ct);
        }, ct, beforeFile: async form =>
        {
            body = form.Json<ImportAgreementRequest>("agreement")
                ?? throw DomainValidationException.For("agreement", "Wajib diisi (JSON), dan dikirim sebelum bagian 'file'.");
            input = await resolver.ResolveAsync(body.Agreement, caller, body.RenewalOfId, ct, import: true);
        });
        return response.ToResult();
    }

    private static async Task<Ok<AgreementPage>> List(
        HttpContext http, AgreementQueries queries, CancellationToken ct,
        string? institutionId = null, string? partnerId = null, string? regionId = null, string? status = null, string? expiresBefore = null,
        string? pageSize = null, string? continuationToken = null)
    {
        var filter = AgreementQueries.Scope(AgreementQueries.Parse(institutionId, partnerId, regionId, status, expiresBefore), http.Caller());
        var size = pageSize is null ? AgreementQueries.DefaultPageSize
            : int.TryParse(pageSize, out var n) && n is >= 1 and <= AgreementQueries.MaxPageSize ? n
            : throw DomainValidationException.For("pageSize", $"Ukuran halaman harus bilangan 1-{AgreementQueries.MaxPageSize}.");
        return TypedResults.Ok(await queries.PageAsync(filter, size, continuationToken, ct));
    }

    private static async Task<Ok<AgreementResponse>> Get(string id, HttpContext http, AgreementStore store, AgreementEngine engine, TimeProvider clock, CancellationToken ct)
    {
        var stored = await store.GetAsync(Ids.Route(id), ct);
        http.Caller().EnsureCanRead(stored.Agreement);
        return TypedResults.Ok(engine.Describe(stored.Agreement, await store.HistoryAsync(stored, ct), stored.Version, clock.GetUtcNow(), http.Caller()));
    }

    private static async Task<Ok<HistoryResponse>> History(string id, HttpContext http, AgreementStore store, CancellationToken ct)
    {
        var stored = await store.GetAsync(Ids.Route(id), ct);
        http.Caller().EnsureCanRead(stored.Agreement);
        var (state, events) = await store.WithEventsAsync(stored, ct);
        return TypedResults.Ok(HistoryResponse.Verify(state, events));
    }

    private static async Task<FileStreamHttpResult> Document(
        string id, string documentId, HttpContext http, AgreementStore store, DocumentStore documents, CancellationToken ct)
    {
        var stored = await store.GetAsync(Ids.Route(id), ct);
        http.Caller().EnsureCanRead(stored.Agreement);
        return await AgreementDocuments.DownloadAsync(http, stored, documentId, store, documents, ct);
    }
}
