using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Drafts;

/// <summary>Each institution's own draft template, if it supplied one: blob <c>templates/{institutionId}/draft.docx</c>.</summary>
public sealed class DraftTemplates(StorageClients storage, IOptions<DocumentOptions> options)
{
    private const string FileName = "draft.docx";

    /// <summary>
    /// Keeps the template after checking it is a Word document whose content controls name known fields. It streams to a
    /// temporary file (the check needs to seek), never whole into memory, and no larger than a document may be.
    /// </summary>
    /// <returns>The stored file, and the fields it fills.</returns>
    public async Task<(DocumentRef File, IReadOnlyList<string> Fields)> SaveAsync(string institutionId, Stream content, CancellationToken ct)
    {
        var header = new byte[FileKinds.HeaderLength];
        var got = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (got == 0) throw DomainValidationException.For("file", "Berkas kosong.");
        if (FileKinds.Detect(header.AsSpan(0, got)) != FileKind.Docx)
            throw new UnsupportedMediaTypeException("Templat harus dokumen Word (.docx), diperiksa dari isinya.");

        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using var hashing = new HashingLimitStream(content, header.AsMemory(0, got), options.Value.MaxBytes);
        await hashing.CopyToAsync(file, ct);
        file.Position = 0;
        var (fields, problems) = DraftTemplate.Inspect(file);
        if (problems.Count > 0) throw new DomainValidationException(new Dictionary<string, string[]> { ["file"] = [.. problems] });
        file.Position = 0;
        var contentType = FileKinds.ContentType(FileKind.Docx);
        await Blob(institutionId).UploadAsync(file, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
        return (new DocumentRef("template", FileName, contentType, hashing.BytesRead, hashing.Sha256()), fields);
    }

    /// <summary>The institution's template in memory (a draft is written from it there), or null when it has none.</summary>
    public async Task<MemoryStream?> OpenAsync(string institutionId, CancellationToken ct)
    {
        try
        {
            var copy = new MemoryStream();
            await Blob(institutionId).DownloadToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Read in pieces for a download, or null when the institution has none.</summary>
    public async Task<Stream?> OpenReadAsync(string institutionId, CancellationToken ct)
    {
        try { return await Blob(institutionId).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 1 << 20 }, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<bool> DeleteAsync(string institutionId, CancellationToken ct) =>
        (await Blob(institutionId).DeleteIfExistsAsync(cancellationToken: ct)).Value;

    private Azure.Storage.Blobs.BlobClient Blob(string institutionId) => storage.Templates.GetBlobClient($"{institutionId}/{FileName}");
}
