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

    private static string Text(string key, CultureInfo culture, object?[] args)
    {
        var text = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"The text '{key}' is missing from Texts.resx.");
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
