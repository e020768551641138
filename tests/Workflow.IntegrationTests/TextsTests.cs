using System.Collections;
using System.Globalization;
using System.Resources;
using Workflow.Core;
using Workflow.Functions.Pages;

namespace Workflow.IntegrationTests;

/// <summary>The pages' and e-mails' texts: every one in both languages, and a label for every value the domain shows.</summary>
public class TextsTests
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void EveryTextIsInBahasaIndonesiaAndInEnglish()
    {
        var indonesian = Texts(CultureInfo.InvariantCulture);
        var english = Texts(PageCultures.English);
        Assert.True(indonesian.Count > 100, $"only {indonesian.Count} texts found");
        Assert.Empty(indonesian.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(indonesian.Keys));
        Assert.All(indonesian.Concat(english), t => Assert.False(string.IsNullOrWhiteSpace(t.Value), t.Key));
    }

    [Fact]
    public void EveryValueTheDomainNamesHasAHumanLabelInBothLanguages()
    {
        IEnumerable<string> Of<T>(string group) where T : struct, Enum => Enum.GetNames<T>().Select(n => $"{group}.{n}");
        var eventTypes = typeof(AgreementEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AgreementEvent)) && !t.IsAbstract).Select(t => $"Event.{t.Name}");
        string[] keys =
        [
            .. Of<ProgramArea>("Area"), .. Of<PartnerKind>("PartnerKind"), .. Of<ReviewerRole>("Role"), .. Of<Recommendation>("Recommendation"),
            .. Of<ActionItemStatus>("ItemStatus"), .. Of<AgreementKind>("Kind"), .. Of<ReviewDecision>("Decision"), .. Of<ReviewRoundOutcome>("Outcome"),
            .. Of<TimerKind>("Timer"), .. Move.All.Select(m => $"Move.{m}"), .. eventTypes,
        ];
        var (indonesian, english) = (Texts(CultureInfo.InvariantCulture), Texts(PageCultures.English));
        None("without a label in Bahasa Indonesia", keys.Where(k => !indonesian.ContainsKey(k)));
        None("without a label in English", keys.Where(k => !english.ContainsKey(k)));
        // An Indonesian label is a name, not the identifier: "Other" is "Lainnya". (A few words are the same in both.)
        None("labelled by their identifier", keys.Where(k => indonesian[k] == k[(k.IndexOf('.') + 1)..] && k is not "PartnerKind.Bank" and not "Kind.Addendum" and not "Role.Kanwil"));
    }

    [Fact]
    public void DatesAreWrittenWithEachLanguagesMonthNames()
    {
        Assert.Equal("13 Maret 2023 s.d. 13 Maret 2026", Bilingual.Id("Mail.Period", new DateOnly(2023, 3, 13), new DateOnly(2026, 3, 13)));
        Assert.Equal("13 March 2023 to 13 March 2026", Bilingual.En("Mail.Period", new DateOnly(2023, 3, 13), new DateOnly(2026, 3, 13)));
        Assert.Equal("5 Agustus 2025", Workflow.Functions.Hosting.Formats.DateId(new DateOnly(2025, 8, 5)));
    }

    private static void None(string what, IEnumerable<string> keys)
    {
        var found = keys.ToList();
        Assert.True(found.Count == 0, $"{found.Count} {what}: {string.Join(", ", found)}");
    }
}
