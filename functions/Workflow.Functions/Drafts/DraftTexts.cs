using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace Workflow.Functions.Drafts;

/// <summary>
/// The words of a generated draft, from <c>DraftTexts.resx</c> (Bahasa Indonesia) or <c>DraftTexts.en.resx</c> (English):
/// the standard articles live there, editable without touching code. A <c>{name}</c> in a text is filled from the fields given.
/// </summary>
public sealed partial class DraftTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new(typeof(DraftTexts).FullName!, typeof(DraftTexts).Assembly);

    public CultureInfo Culture => culture;

    public bool English => culture.TwoLetterISOLanguageName == "en";

    /// <summary>Every key the resources hold, for the tests that check both languages.</summary>
    public static IEnumerable<string> Keys(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);

    /// <summary>The text, filled in; a field the text names but that is not given is an error in the resources.</summary>
    public string Get(string key, IReadOnlyDictionary<string, string>? fields = null)
    {
        var text = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"The draft text '{key}' is missing from DraftTexts.resx.");
        return Field().Replace(text, m => fields?.GetValueOrDefault(m.Groups[1].Value)
            ?? throw new InvalidOperationException($"The draft text '{key}' names {{{m.Groups[1].Value}}}, which a draft does not fill."));
    }

    /// <summary>A text of several paragraphs: one per line.</summary>
    public IReadOnlyList<string> Paragraphs(string key, IReadOnlyDictionary<string, string>? fields = null) => Get(key, fields).Split('\n');

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Field();
}
