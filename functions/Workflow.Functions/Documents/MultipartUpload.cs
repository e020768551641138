using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Workflow.Core;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Documents;

/// <summary>A multipart form read as it streams: the one <c>file</c> part goes straight to blob storage, the rest are small text fields.</summary>
public sealed class MultipartUpload
{
    private const int MaxFieldChars = 256 * 1024;
    private const int MaxFields = 500;
    /// <summary>All text fields together: a form of many rows is fine, a flood of text is not.</summary>
    private const int MaxTotalFieldChars = 1024 * 1024;

    private int totalFieldChars;

    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);
    public DocumentRef? File { get; private set; }
    /// <summary>Files of other named parts, where the caller allows them (a signing event: one per agreement).</summary>
    public Dictionary<string, DocumentRef> Files { get; } = new(StringComparer.Ordinal);
    /// <summary>A part that may come several times, each a file (a progress report's <c>files</c>), and how many at most.</summary>
    public (string Part, int Max)? ManyFiles { get; init; }
    /// <summary>The files of <see cref="ManyFiles"/>, in the order they came.</summary>
    public List<DocumentRef> Many { get; } = [];

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    public T? Json<T>(string name)
    {
        var text = Field(name);
        if (string.IsNullOrWhiteSpace(text)) return default;
        try { return JsonSerializer.Deserialize<T>(text, SinergiJson.Options); }
        catch (JsonException e) { throw JsonErrors.From(e, typeof(T), name); }
    }

    public DateOnly? Date(string name)
    {
        var text = Field(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var date)
            ? date
            : throw DomainValidationException.For(name, "Tanggal harus berformat yyyy-MM-dd.");
    }

    public static Task<MultipartUpload> ReadAsync(
        HttpRequest request, Func<string?, Stream, Task<DocumentRef>> saveFile, bool fileRequired, CancellationToken ct, MultipartUpload? into = null,
        Func<MultipartUpload, Task>? beforeFirstFile = null) =>
        ReadAsync(request, (_, name, stream) => saveFile(name, stream), fileRequired, ct, into, null, beforeFirstFile);

    /// <param name="isOtherFilePart">Part names besides <c>file</c> that may carry a file; <paramref name="saveFile"/> gets the part name.</param>
    /// <param name="beforeFirstFile">Runs on the fields read so far, before a byte of the first file is taken (where who may send it depends on them).</param>
    public static async Task<MultipartUpload> ReadAsync(
        HttpRequest request, Func<string, string?, Stream, Task<DocumentRef>> saveFile, bool fileRequired, CancellationToken ct,
        MultipartUpload? into, Func<string, bool>? isOtherFilePart, Func<MultipartUpload, Task>? beforeFirstFile = null)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            throw new UnsupportedMediaTypeException("Kirim sebagai multipart/form-data dengan bagian 'file'.");

        // A caller that passes its own instance keeps the fields read before a failure (a page shows them again).
        var upload = into ?? new MultipartUpload();
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw DomainValidationException.For("form", "Bagian multipart tanpa Content-Disposition form-data.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (upload.ManyFiles is { } many && name == many.Part)
                {
                    if (upload.Many.Count >= many.Max) throw DomainValidationException.For(name, $"Paling banyak {many.Max} berkas.");
                    var fileName = FileName(disposition);
                    if (string.IsNullOrEmpty(fileName)) { await section.Body.CopyToAsync(Stream.Null, ct); continue; } // an empty file input
                    upload.Many.Add(await saveFile(name, fileName, section.Body));
                    continue;
                }
                if (disposition.IsFileDisposition() || name == "file" || isOtherFilePart?.Invoke(name) == true)
                {
                    var fileName = FileName(disposition);
                    if (string.IsNullOrEmpty(fileName))
                    {
                        // A browser sends an optional file input left empty as a part without a file name.
                        await section.Body.CopyToAsync(Stream.Null, ct);
                        continue;
                    }
                    if (name != "file" && isOtherFilePart?.Invoke(name) != true)
                        throw DomainValidationException.For(name, "Berkas hanya diterima pada bagian 'file'.");
                    if ((name == "file" && upload.File is not null) || upload.Files.ContainsKey(name))
                        throw DomainValidationException.For(name, "Hanya satu berkas per bagian.");
                    if (beforeFirstFile is not null && upload.File is null && upload.Files.Count == 0) await beforeFirstFile(upload);
                    var saved = await saveFile(name, fileName, section.Body);
                    if (name == "file") upload.File = saved; else upload.Files[name] = saved;
                    continue;
                }
                if (upload.Fields.Sum(f => f.Value.Count) >= MaxFields) throw DomainValidationException.For("form", "Terlalu banyak isian.");
                var value = await ReadFieldAsync(section.Body, name, ct);
                upload.totalFieldChars += value.Length;
                if (upload.totalFieldChars > MaxTotalFieldChars) throw new PayloadTooLargeException("Isian formulir melebihi 1 MiB teks.");
                upload.Add(name, value);
            }
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw DomainValidationException.For("form", $"Multipart tidak dapat dibaca: {e.Message}");
        }
        catch (InvalidDataException e)
        {
            throw DomainValidationException.For("form", $"Multipart tidak dapat dibaca: {e.Message}");
        }
        if (fileRequired && upload.File is null) throw DomainValidationException.For("file", "Wajib melampirkan berkas.");
        return upload;
    }

    private static string? FileName(ContentDispositionHeaderValue disposition) =>
        HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;

    private void Add(string name, string value)
    {
        if (!Fields.TryGetValue(name, out var list)) Fields[name] = list = [];
        list.Add(value);
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > MaxFieldChars) throw DomainValidationException.For(name, $"Isian melebihi {MaxFieldChars} karakter.");
        return new string(buffer, 0, read);
    }
}
