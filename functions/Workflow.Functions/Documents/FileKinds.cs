namespace Workflow.Functions.Documents;

public enum FileKind { Pdf, Docx, Png, Jpeg }

/// <summary>Recognises a file by its first bytes, never by its name.</summary>
public static class FileKinds
{
    public const int HeaderLength = 8;

    public static readonly FileKind[] Contracts = [FileKind.Pdf, FileKind.Docx];
    public static readonly FileKind[] SignedCopies = [FileKind.Pdf];
    public static readonly FileKind[] Evidence = [FileKind.Pdf, FileKind.Docx, FileKind.Png, FileKind.Jpeg];
    /// <summary>Evidence of action-plan progress: a report or photographs.</summary>
    public static readonly FileKind[] ProgressEvidence = [FileKind.Pdf, FileKind.Jpeg, FileKind.Png];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    public static FileKind? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("%PDF-"u8)) return FileKind.Pdf;
        // DOCX is a ZIP package; its parts are checked by Word, here the container is.
        if (header.StartsWith("PK\u0003\u0004"u8)) return FileKind.Docx;
        if (header.StartsWith(PngSignature)) return FileKind.Png;
        if (header.StartsWith(JpegSignature)) return FileKind.Jpeg;
        return null;
    }

    public static string ContentType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Png => "image/png",
        _ => "image/jpeg",
    };

    public static string Extension(FileKind kind) => kind switch
    {
        FileKind.Pdf => ".pdf",
        FileKind.Docx => ".docx",
        FileKind.Png => ".png",
        _ => ".jpg",
    };

    public static string Describe(IEnumerable<FileKind> kinds) => string.Join(", ", kinds.Select(k => k.ToString().ToUpperInvariant()));
}
