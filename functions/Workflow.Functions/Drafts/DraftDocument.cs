using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflow.Functions.Drafts;

/// <summary>
/// The standard draft as a Word document (Open XML SDK), in the form Indonesian government agreements take: the title
/// block, a number line for each party, the opening with the day and place left blank, the parties, the recitals, the
/// articles numbered in order (Pasal 1 …), and the signature block for both parties and two witnesses. A4, Times New Roman 12.
/// </summary>
public static class DraftDocument
{
    private const int Twip = 20; // twentieths of a point
    private const string Font = "Times New Roman";

    public static void Write(DraftContent content, DraftTexts texts, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        AddStyles(main, texts.English ? "en-US" : "id-ID");
        var body = new Body();

        foreach (var line in new[] { content.KindTitle, texts.Get("Between"), content.First.Office.ToUpperInvariant(), texts.Get("With"),
                     content.Second.Office.ToUpperInvariant(), texts.Get("About"), content.Title.ToUpperInvariant() })
            body.Append(Paragraph(line, bold: true, centered: true, after: 0));
        body.Append(Paragraph("", after: 0));
        foreach (var line in content.NumberLines) body.Append(Paragraph(line, centered: true, after: 0));
        body.Append(Paragraph(""));

        body.Append(Paragraph(content.Opening, justified: true));
        foreach (var (party, n) in new[] { content.First, content.Second }.Select((p, i) => (p, i + 1)))
            body.Append(Hanging($"{n}.", content.PartyLine(party, texts)));
        foreach (var recital in content.Recitals) body.Append(Paragraph(recital, justified: true));

        foreach (var article in content.Articles)
        {
            body.Append(Paragraph(article.NumberLine(texts), bold: true, centered: true, after: 0, keepWithNext: true));
            body.Append(Paragraph(article.Heading, bold: true, centered: true, keepWithNext: true));
            var numberParagraphs = article.Paragraphs.Count > 1;
            foreach (var (paragraph, i) in article.Paragraphs.Select((p, i) => (p, i + 1)))
                body.Append(numberParagraphs ? Hanging($"({i})", paragraph) : Paragraph(paragraph, justified: true));
            foreach (var (item, i) in article.Items.Select((item, i) => (item, i)))
                body.Append(Hanging(DraftArticle.Letter(i), item, indent: numberParagraphs ? 2 : 1));
        }

        body.Append(Signatures(content));
        body.Append(Paragraph(texts.Get("Witnesses"), bold: true, centered: true, before: 24));
        body.Append(Signatures(content, content.WitnessLines));
        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1701, Right = 1440, Header = 720, Footer = 720, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static void AddStyles(MainDocumentPart main, string language)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }, new Languages { Val = language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Styles.Save();
    }

    private static Paragraph Paragraph(
        string text, bool bold = false, bool centered = false, bool justified = false, int after = 6, int before = 0, bool keepWithNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepWithNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = $"{before * Twip}", After = $"{after * Twip}" });
        if (centered || justified) properties.Append(new Justification { Val = centered ? JustificationValues.Center : JustificationValues.Both });
        return new Paragraph(properties, Run(text, bold));
    }

    /// <summary>A numbered or lettered paragraph: its mark, then the text, wrapped under the text rather than the mark.</summary>
    private static Paragraph Hanging(string mark, string text, int indent = 1)
    {
        const int Step = 454; // 0.8 cm in twips
        return new Paragraph(
            new ParagraphProperties(
                new Tabs(new TabStop { Val = TabStopValues.Left, Position = Step * indent }),
                new SpacingBetweenLines { After = "80" },
                new Indentation { Left = $"{Step * indent}", Hanging = $"{Step}" },
                new Justification { Val = JustificationValues.Both }),
            Run(mark), new Run(new TabChar()), Run(text));
    }

    private static Run Run(string text, bool bold = false)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>Two columns without borders: the second party on the left, the first on the right, as the parties sign.</summary>
    private static Table Signatures(DraftContent content, IReadOnlyList<string>? witnessLines = null)
    {
        TableCell Cell(params string[] lines) => new(
            [new TableCellProperties(new TableCellWidth { Width = "4500", Type = TableWidthUnitValues.Dxa }),
             .. lines.Select((line, i) => Paragraph(line, bold: i == 0 && witnessLines is null, centered: witnessLines is null, after: 0))]);
        var row = witnessLines is null
            ? new TableRow(
                Cell($"{content.Second.Label},", content.Second.Office, "", "", "", content.Second.Name),
                Cell($"{content.First.Label},", content.First.Office, "", "", "", content.First.Name))
            : new TableRow(Cell("", witnessLines[0]), Cell("", witnessLines[1]));
        return new Table(
            new TableProperties(
                new TableWidth { Width = "9000", Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })),
            new TableGrid(new GridColumn { Width = "4500" }, new GridColumn { Width = "4500" }),
            row);
    }
}
