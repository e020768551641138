using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Every document an agreement refers to (drafts, the signed copy, evaluation files), for download by API or page.</summary>
public static class AgreementDocuments
{
    public static IEnumerable<DocumentRef> All(Agreement a) =>
        a.Drafts.Select(d => d.Document)
            .Concat(a.Signing is { } s ? [s.Document] : [])
            .Concat(a.Evaluations.Select(e => e.Document).OfType<DocumentRef>());

    public static async Task<FileStreamHttpResult> DownloadAsync(HttpContext http, Agreement a, string documentId, DocumentStore documents, CancellationToken ct)
    {
        var document = All(a).FirstOrDefault(d => d.DocumentId == Ids.Route(documentId, "documentId"))
            ?? throw new NotFoundException($"Dokumen '{documentId}' tidak ada pada perjanjian ini.");
        http.Response.Headers["X-Content-SHA256"] = document.Sha256;
        return TypedResults.Stream(await documents.OpenReadAsync(a.Id, document, ct), document.ContentType, document.FileName);
    }
}
