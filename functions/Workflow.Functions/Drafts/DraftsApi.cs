using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Directory;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;
using Workflow.Functions.Pages;

namespace Workflow.Functions.Drafts;

/// <summary>What an institution's template holds: the fields it fills.</summary>
public sealed record DraftTemplateResponse(string InstitutionId, string Sha256, long Bytes, IReadOnlyList<string> Fields);

/// <summary><c>PUT /api/institutions/{id}/draft-template</c>: the Word document with tagged content controls.</summary>
public sealed record DraftTemplateForm(IFormFile File);

public static class DraftsApi
{
    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/agreements/{id}/drafts/generated", Generate).RequireAuthorization().WithTags("Agreements").WithBodyLimit(BodyLimit.Json)
            .Produces<DraftUploadResponse>(201).ProducesProblem(404).ProducesProblem(409)
            .WithName("generateDraft").WithSummary("Write the next draft version from the agreement (.docx, standard articles or the institution's template)")
            .WithDescription("`language` is `id` (Bahasa Indonesia, the default) or `en`. The draft is stored, hashed and versioned as an uploaded one.");

        var templates = app.MapGroup("/api/institutions/{id}/draft-template").RequireAuthorization().WithTags("Institutions");
        templates.MapPut("/", PutTemplate).DisableAntiforgery().WithUploadLimit(app)
            .Accepts<DraftTemplateForm>("multipart/form-data").Produces<DraftTemplateResponse>().ProducesProblem(404).ProducesProblem(413).ProducesProblem(415)
            .WithName("setDraftTemplate").WithSummary("Set the institution's own draft template (.docx with content controls tagged by field)")
            .WithDescription($"Fields: {string.Join("; ", DraftTemplate.Fields.Select(f => $"`{f.Key}` ({f.Value})"))}.");
        templates.MapGet("/", GetTemplate).Produces(200, typeof(Stream), FileKinds.ContentType(FileKind.Docx)).ProducesProblem(404)
            .WithName("getDraftTemplate").WithSummary("Download the institution's draft template");
        templates.MapDelete("/", DeleteTemplate).Produces(204).ProducesProblem(404)
            .WithName("deleteDraftTemplate").WithSummary("Go back to the standard draft layout");
        return app;
    }

    private static async Task<StoredResponseResult> Generate(string id, string? language, HttpContext http, AgreementStore store, DraftGeneration drafts, CancellationToken ct)
    {
        http.Caller().EnsureCanWrite((await store.GetForCommandAsync(Ids.Route(id), ct)).Agreement);
        var culture = Culture(language);
        var context = CommandContext.ForUser(http, "draft-generated", id, new { language = culture.Name });
        return (await drafts.RunAsync(id, context, culture, ct)).ToResult();
    }

    /// <summary>The draft's language: Bahasa Indonesia unless English is asked for.</summary>
    public static CultureInfo Culture(string? language) => language switch
    {
        null or "" or "id" => PageCultures.Indonesian,
        "en" => PageCultures.English,
        _ => throw DomainValidationException.For("language", "Bahasa draf harus 'id' atau 'en'."),
    };

    private static async Task<Ok<DraftTemplateResponse>> PutTemplate(string id, HttpContext http, DirectoryStore directory, DraftTemplates templates, CancellationToken ct)
    {
        await EnsureMayManageAsync(id, http, directory, ct);
        IReadOnlyList<string> fields = [];
        var form = await MultipartUpload.ReadAsync(http.Request, async (_, stream) =>
        {
            (var saved, fields) = await templates.SaveAsync(id, stream, ct);
            return saved;
        }, fileRequired: true, ct);
        return TypedResults.Ok(new DraftTemplateResponse(id, form.File!.Sha256, form.File.Length, fields));
    }

    private static async Task<FileStreamHttpResult> GetTemplate(string id, HttpContext http, DirectoryStore directory, DraftTemplates templates, CancellationToken ct)
    {
        await EnsureMayManageAsync(id, http, directory, ct);
        var stream = await templates.OpenReadAsync(id, ct) ?? throw new NotFoundException($"Lembaga '{id}' belum memasang templat draf; draf memakai tata letak baku.");
        return TypedResults.File(stream, FileKinds.ContentType(FileKind.Docx), $"templat-draf-{id}.docx");
    }

    private static async Task<NoContent> DeleteTemplate(string id, HttpContext http, DirectoryStore directory, DraftTemplates templates, CancellationToken ct)
    {
        await EnsureMayManageAsync(id, http, directory, ct);
        if (!await templates.DeleteAsync(id, ct)) throw new NotFoundException($"Lembaga '{id}' belum memasang templat draf.");
        return TypedResults.NoContent();
    }

    /// <summary>An institution's template is its own staff's, or an admin's, to set.</summary>
    private static async Task EnsureMayManageAsync(string id, HttpContext http, DirectoryStore directory, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!caller.IsAdmin && !(caller.Roles.Contains(Roles.Staff) && caller.InstitutionId == Ids.Route(id)))
            throw new ForbiddenException("Hanya staf lembaga itu atau admin yang dapat mengatur templat drafnya.");
        if (await directory.FindInstitutionAsync(Ids.Route(id), ct) is null) throw new NotFoundException($"Lembaga '{id}' tidak ditemukan.");
    }
}
