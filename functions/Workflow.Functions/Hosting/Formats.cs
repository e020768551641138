using System.Globalization;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>
/// How values are written for people: dates and instants in Bahasa Indonesia and English, and values in plain-text
/// e-mails. (HTML is written by Razor components, which encode every value.)
/// </summary>
public static class Formats
{
    /// <summary>A value that belongs on one line of a plain-text e-mail: a line break or other control character in it becomes a space.</summary>
    public static string OneLine(string? value) => new((value ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    /// <summary>A text of several lines in a plain-text e-mail: every line after the first is indented, so none can pass for a line of the e-mail.</summary>
    public static string Indented(string? value, string indent = "    ") =>
        string.Join("\n" + indent, (value ?? "").Replace("\r\n", "\n").Split('\n', '\r').Select(OneLine));

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID"), English = CultureInfo.GetCultureInfo("en");

    /// <summary>"5 November 2025", month names from the culture (ICU).</summary>
    public static string DateId(DateOnly date) => date.ToString("d MMMM yyyy", Indonesian);

    public static string DateEn(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>An instant as the institution reads it: "27 November 2025 09.00 WITA".</summary>
    public static string LocalId(DateTimeOffset at, string zone)
    {
        var local = at.ToOffset(InstitutionTime.Offset(zone));
        return $"{DateId(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH.mm", Indonesian)} {InstitutionTime.Abbreviation(zone)}";
    }

    public static string LocalEn(DateTimeOffset at, string zone)
    {
        var local = at.ToOffset(InstitutionTime.Offset(zone));
        return $"{DateEn(DateOnly.FromDateTime(local.DateTime))} {local.ToString("HH:mm", English)} {InstitutionTime.Abbreviation(zone)}";
    }
}
