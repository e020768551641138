using Workflow.Core;
using Workflow.Functions.Documents;

namespace Workflow.Functions.Agreements;

/// <summary>
/// A command that carries files: each streams to blob storage first, then the command runs.
/// If the command fails, or is a replay of an earlier answer, the new blobs are removed again, so
/// a refused request leaves nothing behind.
/// </summary>
public sealed class UploadCommand(DocumentStore documents)
{
    /// <param name="beforeFile">Decides, on the fields before the file, whether the file may come at all.</param>
    public async Task<StoredResponse> RunAsync(
        HttpRequest request, string agreementId, IReadOnlyCollection<FileKind> allowed, bool fileRequired,
        Func<MultipartUpload, Task<StoredResponse>> command, CancellationToken ct, MultipartUpload? into = null,
        Func<MultipartUpload, Task>? beforeFile = null)
    {
        var saved = new List<DocumentRef>();
        try
        {
            var form = await MultipartUpload.ReadAsync(request, async (name, stream) =>
            {
                var document = await documents.SaveAsync(agreementId, name, stream, allowed, ct);
                saved.Add(document);
                return document;
            }, fileRequired, ct, into, beforeFile);
            var response = await command(form);
            if (response.Replayed) await DeleteAsync(agreementId, saved);
            return response;
        }
        catch when (saved.Count > 0)
        {
            await DeleteAsync(agreementId, saved);
            throw;
        }
    }

    private async Task DeleteAsync(string agreementId, IEnumerable<DocumentRef> saved)
    {
        foreach (var document in saved) await documents.DeleteAsync(agreementId, document);
    }

    /// <summary>What makes two uploads the same request: every field and the file's hash.</summary>
    public static string RequestText(MultipartUpload form) =>
        string.Join('\n', form.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={string.Join('\u001f', f.Value)}"))
        + "\nfile=" + form.File?.Sha256 + (form.Many.Count > 0 ? "\nfiles=" + string.Join(',', form.Many.Select(f => f.Sha256)) : "");
}
