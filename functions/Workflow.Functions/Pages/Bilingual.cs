using System.Globalization;
using System.Resources;

namespace Workflow.Functions.Pages;

/// <summary>
/// The texts of <see cref="Texts"/> in a language named, not the request's: for what officials and partners read with
/// both side by side (approval pages, e-mails), Bahasa Indonesia first and English below.
/// </summary>
public static class Bilingual
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    public static string Id(string key, params object?[] args) => Text(key, PageCultures.Indonesian, args);

    public static string En(string key, params object?[] args) => Text(key, PageCultures.English, args);

    /// <summary>A text of several lines, each filled in on its own: a value with a line break in it stays within its line.</summary>
    public static IReadOnlyList<string> IdLines(string key, params object?[] args) => Lines(key, PageCultures.Indonesian, args);

    public static IReadOnlyList<string> EnLines(string key, params object?[] args) => Lines(key, PageCultures.English, args);

    private static string Text(string key, CultureInfo culture, object?[] args) => Format(Raw(key, culture), culture, args);

    private static string[] Lines(string key, CultureInfo culture, object?[] args) =>
        [.. Raw(key, culture).Split('\n').Select(line => Format(line, culture, args))];

    private static string Raw(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new InvalidOperationException($"The text '{key}' is missing from Texts.resx.");

    private static string Format(string text, CultureInfo culture, object?[] args) => args.Length == 0 ? text : string.Format(culture, text, args);
}
