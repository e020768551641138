using Workflow.Core;
using Workflow.Functions.Documents;

namespace Workflow.Functions.Agreements;

/// <summary>
/// A command that carries a file: the file streams to blob storage first, then the command runs.
/// If the command fails, or is a replay of an earlier answer, the new blob is removed again, so
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
        DocumentRef? saved = null;
        try
        {
            var form = await MultipartUpload.ReadAsync(request,
                async (name, stream) => saved = await documents.SaveAsync(agreementId, name, stream, allowed, ct), fileRequired, ct, into, beforeFile);
            var response = await command(form);
            if (response.Replayed && saved is not null) await documents.DeleteAsync(agreementId, saved);
            return response;
        }
        catch when (saved is not null)
        {
            await documents.DeleteAsync(agreementId, saved);
            throw;
        }
    }

    /// <summary>What makes two uploads the same request: every field and the file's hash.</summary>
    public static string RequestText(MultipartUpload form) =>
        string.Join('\n', form.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={string.Join('\u001f', f.Value)}"))
        + "\nfile=" + form.File?.Sha256;
}
