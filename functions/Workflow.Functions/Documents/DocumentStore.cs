using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Documents;

/// <summary>
/// Documents live in blob container <c>documents</c> as <c>{agreementId}/{documentId}/{file}</c>:
/// streamed in (never whole in memory), hashed on the way, never overwritten.
/// </summary>
public sealed partial class DocumentStore(StorageClients storage, IOptions<DocumentOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<DocumentRef> SaveAsync(string agreementId, string? fileName, Stream content, IReadOnlyCollection<FileKind> allowed, CancellationToken ct)
    {
        var header = new byte[FileKinds.HeaderLength];
        var got = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (got == 0) throw DomainValidationException.For("file", "Berkas kosong.");
        var kind = FileKinds.Detect(header.AsSpan(0, got));
        if (kind is null || !allowed.Contains(kind.Value))
            throw new UnsupportedMediaTypeException($"Isi berkas bukan {FileKinds.Describe(allowed)} (diperiksa dari isinya, bukan dari nama berkas).");

        var documentId = Ids.NewDocumentId();
        var name = SafeFileName(fileName, kind.Value);
        var blob = storage.Documents.GetBlobClient($"{agreementId}/{documentId}/{name}");
        await using var hashing = new HashingLimitStream(content, header.AsMemory(0, got), MaxBytes);
        await blob.UploadAsync(hashing, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = FileKinds.ContentType(kind.Value) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumConcurrency = 1, InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20 },
        }, ct);
        var sha = hashing.Sha256();
        await blob.SetMetadataAsync(new Dictionary<string, string> { ["sha256"] = sha }, cancellationToken: ct);
        return new DocumentRef(documentId, name, FileKinds.ContentType(kind.Value), hashing.BytesRead, sha);
    }

    /// <summary>Removes a document that no committed change refers to (its command failed).</summary>
    public async Task DeleteAsync(string agreementId, DocumentRef document)
    {
        try { await storage.Documents.GetBlobClient(BlobName(agreementId, document)).DeleteIfExistsAsync(); }
        catch (RequestFailedException) { /* an orphan blob is harmless: nothing points to it */ }
    }

    /// <summary>Read in 1 MiB pieces (the SDK's default is 4 MiB), so a download holds little of the file in memory.</summary>
    public async Task<Stream> OpenReadAsync(string agreementId, DocumentRef document, CancellationToken ct) =>
        await storage.Documents.GetBlobClient(BlobName(agreementId, document)).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 1 << 20 }, ct);

    public static string BlobName(string agreementId, DocumentRef d) => $"{agreementId}/{d.DocumentId}/{d.FileName}";

    private static string SafeFileName(string? fileName, FileKind kind)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? ""));
        stem = UnsafeChars().Replace(stem, "-").Trim('-', '.');
        if (stem.Length > 80) stem = stem[..80];
        return (stem.Length == 0 ? "dokumen" : stem) + FileKinds.Extension(kind);
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeChars();
}
