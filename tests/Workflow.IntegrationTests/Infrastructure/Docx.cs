using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A Word document read back with the Open XML SDK: its paragraphs' text in order, and what its validator says.</summary>
public sealed record Docx(IReadOnlyList<string> Paragraphs, IReadOnlyList<string> ValidationErrors)
{
    public static Docx Read(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants().Select(e => e switch
        {
            Text t => t.Text,
            TabChar => "\t",
            _ => "",
        }))).ToList();
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return new Docx(paragraphs, errors);
    }

    public string Text => string.Join('\n', Paragraphs);

    /// <summary>The articles' numbers and headings in order: ("Pasal 1", "MAKSUD DAN TUJUAN"), …</summary>
    public IReadOnlyList<(string Number, string Heading)> Articles(string word = "Pasal") =>
        [.. Paragraphs.Select((p, i) => (p, i)).Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.p, $"^{word} [0-9]+$"))
            .Select(x => (x.p, Paragraphs[x.i + 1]))];
}
