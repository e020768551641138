using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Agreements;

/// <summary>Downloads of the documents an agreement refers to (drafts, the signed copy, evaluation files), by API or page.</summary>
public static class AgreementDocuments
{
    public static async Task<FileStreamHttpResult> DownloadAsync(
        HttpContext http, StoredAgreement stored, string documentId, AgreementStore store, DocumentStore documents, CancellationToken ct)
    {
        Ids.Route(documentId, "documentId");
        var a = stored.Agreement;
        var document = (await store.HistoryAsync(stored, ct)).Documents(a).FirstOrDefault(d => d.DocumentId == documentId)
            ?? throw new NotFoundException($"Dokumen '{documentId}' tidak ada pada perjanjian ini.");
        http.Response.Headers["X-Content-SHA256"] = document.Sha256;
        return Download(http, await documents.OpenReadAsync(a.Id, document, ct), document);
    }

    /// <summary>
    /// A stored file goes out as an attachment that the browser must take as the type it is given, and that may run
    /// nothing if it is opened anyway (an uploaded file is whatever its uploader made it).
    /// </summary>
    public static FileStreamHttpResult Download(HttpContext http, Stream content, DocumentRef document)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        headers.CacheControl = "private, no-store";
        return TypedResults.Stream(content, document.ContentType, document.FileName);
    }
}
