using System.Globalization;
using System.Text;

namespace Workflow.Functions.Reports;

/// <summary>
/// A sheet whose cells are text, whole numbers (<see cref="int"/>) or dates (<see cref="DateOnly"/>), or empty (null),
/// written as CSV or as an XLSX workbook (<see cref="XlsxWriter"/>).
/// </summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>
    /// RFC 4180 with a BOM (Excel reads UTF-8 then). A cell starting like a formula gets a leading apostrophe. A cell with a
    /// separator of any locale in it (',' or ';', common in Indonesian settings) or a tab is quoted, so no spreadsheet splits
    /// it into cells of which a later one could start like a formula.
    /// </summary>
    public byte[] ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var row in Rows.Prepend(Header))
            csv.Append(string.Join(",", row.Select(v => Cell(Text(v))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

        static string Cell(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
            return value.IndexOfAny([',', ';', '\t', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
        }
    }

    public byte[] ToXlsx() => XlsxWriter.Write(this);

    /// <summary>A cell as text: dates as yyyy-MM-dd, numbers without separators.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
