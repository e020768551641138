using System.Globalization;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Drafts;

/// <summary>
/// The command behind "generate the draft" (API and page): writes the draft from the agreement, in the institution's
/// template if it has one, stores it, and records it as the next draft version exactly as an uploaded one (hashed,
/// versioned, ready for review). A refused or replayed command leaves no file behind.
/// </summary>
public sealed class DraftGeneration(
    AgreementStore store, AgreementEngine engine, DirectoryStore directory, DraftTemplates templates, DocumentStore documents, NoticePolicy policy)
{
    public async Task<StoredResponse> RunAsync(string id, CommandContext context, CultureInfo culture, CancellationToken ct)
    {
        var agreement = (await store.GetForCommandAsync(id, ct)).Agreement;
        var texts = new DraftTexts(culture);
        var content = DraftContent.From(await FactsAsync(agreement, ct), texts);
        using var file = new MemoryStream();
        using (var template = await templates.OpenAsync(agreement.InstitutionId, ct))
        {
            if (template is null) DraftDocument.Write(content, texts, file);
            else DraftTemplate.Fill(template, content, texts, file);
        }
        file.Position = 0;
        var saved = await documents.SaveAsync(id, $"draf-{agreement.Kind.ToString().ToLowerInvariant()}-{id}.docx", file, FileKinds.Contracts, ct);
        try
        {
            var response = await engine.ExecuteAsync(id, context, (a, now) =>
                DraftUploadedChange(id, a.UploadDraft(saved, texts.Get("GeneratedNote"), context.Actor, now)), ct);
            if (response.Replayed) await documents.DeleteAsync(id, saved);
            return response;
        }
        catch
        {
            await documents.DeleteAsync(id, saved);
            throw;
        }
    }

    /// <summary>What a new draft version answers, uploaded or generated: 201 with its version, document and hash.</summary>
    public static Change DraftUploadedChange(string id, DraftUploaded uploaded) =>
        new([uploaded], Answer: (_, _, _) => AgreementEngine.Json(201,
            new DraftUploadResponse(uploaded.Draft.Version, uploaded.Draft.Document.DocumentId, uploaded.Draft.Document.Sha256),
            $"/api/agreements/{id}/documents/{uploaded.Draft.Document.DocumentId}"));

    private async Task<DraftFacts> FactsAsync(Agreement a, CancellationToken ct)
    {
        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct) ?? throw new NotFoundException($"Lembaga '{a.InstitutionId}' tidak ditemukan.");
        var partner = await directory.FindPartnerAsync(a, ct) ?? throw new NotFoundException($"Mitra '{a.PartnerId}' tidak ditemukan.");
        var parent = a.ParentAgreementId is { } parentId ? (await store.LoadAsync(parentId, ct))?.Agreement : null;
        var renewed = a.RenewalOfId is { } renewedId ? (await store.LoadAsync(renewedId, ct))?.Agreement : null;
        return new DraftFacts(a, institution, partner, parent, renewed, policy.EvaluationIntervalMonths);
    }
}
