using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workflow.Functions.Reports;

/// <summary>
/// A report as an XLSX workbook with the Open XML SDK: numbers as numbers, dates as dates (shown yyyy-mm-dd), a bold
/// header row that stays in view, an autofilter over the table, and columns as wide as what they hold. Rows are written
/// one by one (the SDK's <see cref="OpenXmlWriter"/>) into a temporary file, then sent: memory stays flat at any size.
/// </summary>
public static class XlsxWriter
{
    private const uint Bold = 1, DateStyle = 2, IsoDateFormat = 164;
    private const int MaxWidth = 60;
    /// <summary>Column widths are measured on the first rows, which are held until then; the rest stream straight through.</summary>
    private const int MeasuredRows = 1_000;

    /// <summary>Writes the workbook to a temporary file deleted when the returned stream (positioned at its start) is closed.</summary>
    public static async Task<Stream> WriteAsync(ReportTable table, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await using var rows = table.Rows.GetAsyncEnumerator(ct);
            var measured = new List<IReadOnlyList<object?>>();
            while (measured.Count < MeasuredRows && await rows.MoveNextAsync()) measured.Add(rows.Current);

            using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                workbook.Workbook = new Workbook();
                workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                await WriteSheetAsync(sheetPart, table.Header, measured, rows);
                workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.Name) }));
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteSheetAsync(WorksheetPart part, IReadOnlyList<string> header, List<IReadOnlyList<object?>> measured, IAsyncEnumerator<IReadOnlyList<object?>> rest)
    {
        var columns = header.Count;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
        writer.WriteElement(new Columns(Enumerable.Range(0, columns).Select(c => new Column
        {
            Min = (uint)(c + 1), Max = (uint)(c + 1), CustomWidth = true,
            Width = Math.Min(MaxWidth, 2 + measured.Select(row => c < row.Count ? ReportTable.Text(row[c]).Length : 0).Append(header[c].Length).Max()),
        })));
        writer.WriteStartElement(new SheetData());
        writer.WriteElement(new Row(header.Select((h, c) => TextCell(Reference(c, 1), h, Bold))) { RowIndex = 1 });
        var index = 1u;
        foreach (var row in measured) writer.WriteElement(DataRow(++index, row));
        measured.Clear();
        while (await rest.MoveNextAsync()) writer.WriteElement(DataRow(++index, rest.Current));
        writer.WriteEndElement(); // SheetData
        writer.WriteElement(new AutoFilter { Reference = $"A1:{Reference(columns - 1, index)}" });
        writer.WriteEndElement(); // Worksheet
    }

    private static Row DataRow(uint index, IReadOnlyList<object?> values) => new(values.Select((v, c) => Cell(Reference(c, index), v))) { RowIndex = index };

    private static Cell Cell(string reference, object? value) => value switch
    {
        int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) },
        DateOnly d => new Cell
        {
            CellReference = reference, StyleIndex = DateStyle,
            CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
        },
        null => new Cell { CellReference = reference },
        _ => TextCell(reference, ReportTable.Text(value), 0),
    };

    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
        InlineString = new InlineString(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = IsoDateFormat, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = IsoDateFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true }) { Count = 3 });

    private static string Reference(int column, uint row) => $"{Column(column)}{row}";

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    // XML 1.0 cannot hold most control characters at all; they are dropped rather than break the file.
    private static string XmlSafe(string value) => new(value.Where(ch => ch is '\t' or '\n' or '\r' || ch >= ' ').ToArray());

    private static string SheetName(string name) =>
        new string(name.Where(ch => !"[]:*?/\\".Contains(ch)).ToArray()) is { Length: > 0 } clean ? clean[..Math.Min(31, clean.Length)] : "Sheet1";
}
