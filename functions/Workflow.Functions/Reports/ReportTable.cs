using System.Globalization;
using System.Text;

namespace Workflow.Functions.Reports;

/// <summary>
/// A sheet whose cells are text, whole numbers (<see cref="int"/>) or dates (<see cref="DateOnly"/>), or empty (null),
/// written as CSV or as an XLSX workbook (<see cref="XlsxWriter"/>). Its rows stream: a report of any size is written
/// as it is read, never held whole.
/// </summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IAsyncEnumerable<IReadOnlyList<object?>> Rows)
{
    /// <summary>
    /// RFC 4180 with a BOM (Excel reads UTF-8 then). A cell starting like a formula gets a leading apostrophe. A cell with a
    /// separator of any locale in it (',' or ';', common in Indonesian settings) or a tab is quoted, so no spreadsheet splits
    /// it into cells of which a later one could start like a formula.
    /// </summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await WriteLineAsync(writer, Header);
        await foreach (var row in Rows.WithCancellation(ct)) await WriteLineAsync(writer, row);

        static Task WriteLineAsync(TextWriter writer, IEnumerable<object?> row) => writer.WriteAsync(string.Join(",", row.Select(v => Cell(Text(v)))) + "\r\n");

        static string Cell(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
            return value.IndexOfAny([',', ';', '\t', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
        }
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd, numbers without separators.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
