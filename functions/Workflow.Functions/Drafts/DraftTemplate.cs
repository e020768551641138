using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Functions.Drafts;

/// <summary>
/// An institution's own draft layout: a Word document whose content controls are tagged with the names of
/// <see cref="Fields"/> (in Word: Developer, Plain Text Content Control, Properties, Tag). Each is filled with that part
/// of the draft; a control around paragraphs gets one paragraph a line, a control within a line gets the lines joined.
/// Everything else in the template (letterhead, logo, fonts, page layout) stays as it is.
/// </summary>
public static class DraftTemplate
{
    /// <summary>The field names a template may use, with what each holds.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["jenis"] = "NOTA KESEPAHAMAN / PERJANJIAN KERJA SAMA",
        ["judul"] = "the agreement's title",
        ["nomor"] = "a number line for each party",
        ["pembukaan"] = "the opening (Pada hari ini …), day and place blank",
        ["pihakKesatuNama"] = "the institution's head", ["pihakKesatuJabatan"] = "the head's position", ["pihakKesatuInstansi"] = "the institution",
        ["pihakKeduaNama"] = "the partner's contact", ["pihakKeduaJabatan"] = "the contact's position", ["pihakKeduaInstansi"] = "the partner",
        ["pihak"] = "both parties' lines of the opening",
        ["pertimbangan"] = "the recitals, citing the parent MoU or the renewed agreement",
        ["pasal"] = "every article, numbered",
        ["ruangLingkup"] = "the scope, an item per area",
        ["rencanaAksi"] = "the action plan, an item per activity",
        ["jangkaWaktu"] = "the validity in months, in figures and words",
        ["intervalEvaluasi"] = "the evaluation interval in months, in figures and words",
    };

    /// <summary>The known fields a template fills, and what is wrong with it (unknown tags, none known, not a Word document).</summary>
    public static (IReadOnlyList<string> Fields, IReadOnlyList<string> Problems) Inspect(Stream template)
    {
        try
        {
            using var document = WordprocessingDocument.Open(template, isEditable: false);
            var tags = Tags(document).Distinct().ToList();
            var known = tags.Where(Fields.ContainsKey).ToList();
            if (known.Count == 0)
                return ([], [$"Templat tidak memuat satu pun isian: beri content control tag salah satu dari {string.Join(", ", Fields.Keys)}."]);
            return (known, [.. tags.Where(t => !Fields.ContainsKey(t)).Select(t => $"Isian '{t}' tidak dikenal; yang dikenal: {string.Join(", ", Fields.Keys)}.")]);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or InvalidOperationException)
        {
            return ([], ["Berkas bukan dokumen Word (.docx) yang dapat dibuka."]);
        }
    }

    /// <summary>Writes the template, filled from the draft, to <paramref name="output"/> (which must be readable and seekable).</summary>
    public static void Fill(Stream template, DraftContent content, DraftTexts texts, Stream output)
    {
        template.CopyTo(output);
        output.Position = 0;
        using var document = WordprocessingDocument.Open(output, isEditable: true);
        var values = Values(content, texts);
        foreach (var part in Parts(document))
        {
            foreach (var control in part.RootElement!.Descendants<SdtElement>().ToList())
            {
                if (Tag(control) is not { } tag || !values.TryGetValue(tag, out var lines)) continue;
                control.SdtProperties?.RemoveAllChildren<ShowingPlaceholder>();
                switch (control)
                {
                    case SdtRun run when run.SdtContentRun is { } inline:
                        var style = inline.Descendants<RunProperties>().FirstOrDefault()?.CloneNode(true);
                        inline.RemoveAllChildren();
                        inline.Append(StyledRun(style, string.Join("; ", lines)));
                        break;
                    case SdtBlock block when block.SdtContentBlock is { } paragraphs:
                        var first = paragraphs.Descendants<Paragraph>().FirstOrDefault();
                        paragraphs.RemoveAllChildren();
                        foreach (var line in lines)
                        {
                            var paragraph = new Paragraph();
                            if (first?.ParagraphProperties?.CloneNode(true) is { } layout) paragraph.Append(layout);
                            paragraph.Append(StyledRun(first?.Descendants<RunProperties>().FirstOrDefault()?.CloneNode(true), line));
                            paragraphs.Append(paragraph);
                        }
                        break;
                }
            }
            part.RootElement.Save();
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Values(DraftContent c, DraftTexts texts) => new()
    {
        ["jenis"] = [c.KindTitle], ["judul"] = [c.Title], ["nomor"] = c.NumberLines, ["pembukaan"] = [c.Opening],
        ["pihakKesatuNama"] = [c.First.Name], ["pihakKesatuJabatan"] = [c.First.Position], ["pihakKesatuInstansi"] = [c.First.Office],
        ["pihakKeduaNama"] = [c.Second.Name], ["pihakKeduaJabatan"] = [c.Second.Position], ["pihakKeduaInstansi"] = [c.Second.Office],
        ["pihak"] = [$"1. {c.PartyLine(c.First, texts)}", $"2. {c.PartyLine(c.Second, texts)}"],
        ["pertimbangan"] = c.Recitals,
        ["pasal"] = [.. c.Articles.SelectMany(a => new[] { a.NumberLine(texts), a.Heading }
            .Concat(a.Paragraphs.Select((p, i) => a.Paragraphs.Count > 1 ? $"({i + 1}) {p}" : p))
            .Concat(a.Items.Select((item, i) => $"{DraftArticle.Letter(i)} {item}")))],
        ["ruangLingkup"] = c.Articles.Single(a => a.Key == "Scope").Items,
        ["rencanaAksi"] = c.Articles.SingleOrDefault(a => a.Key == "Implementation")?.Items ?? [],
        ["jangkaWaktu"] = [c.Validity], ["intervalEvaluasi"] = [c.EvaluationInterval],
    };

    /// <summary>A run of text in the look the template gave the control's first run.</summary>
    private static Run StyledRun(OpenXmlElement? style, string text)
    {
        var run = new Run();
        if (style is not null) run.Append(style);
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static IEnumerable<OpenXmlPart> Parts(WordprocessingDocument document)
    {
        if (document.MainDocumentPart is not { } main) yield break;
        yield return main;
        foreach (var header in main.HeaderParts) yield return header;
        foreach (var footer in main.FooterParts) yield return footer;
    }

    private static IEnumerable<string> Tags(WordprocessingDocument document) =>
        Parts(document).SelectMany(p => p.RootElement!.Descendants<SdtElement>()).Select(Tag).OfType<string>();

    private static string? Tag(SdtElement control) => control.SdtProperties?.GetFirstChild<Tag>()?.Val?.Value;
}
