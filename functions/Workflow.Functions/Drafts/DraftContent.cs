using Workflow.Core;
using Workflow.Functions.Directory;
using Workflow.Functions.Pages;

namespace Workflow.Functions.Drafts;

/// <summary>What a draft is written from: the agreement, its parties, and the agreements it cites.</summary>
/// <param name="Parent">The MoU a PKS carries out, when it names one.</param>
/// <param name="Renewed">The agreement this one renews.</param>
public sealed record DraftFacts(
    Agreement Agreement, Institution Institution, Partner Partner, Agreement? Parent, Agreement? Renewed, int EvaluationIntervalMonths);

public sealed record DraftParty(string Label, string Name, string Position, string Office);

/// <summary>One article: its number, its heading, its numbered paragraphs, and the lettered items that follow them.</summary>
public sealed record DraftArticle(int Number, string Key, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items)
{
    /// <summary>"Pasal 3" (or "Article 3").</summary>
    public string NumberLine(DraftTexts texts) => Line(Number, texts);

    public static string Line(int number, DraftTexts texts) => texts.Get("ArticleNumber", new Dictionary<string, string> { ["nomor"] = $"{number}" });

    /// <summary>The mark of the item at <paramref name="index"/>: a., b., c., …</summary>
    public static string Letter(int index) => $"{(char)('a' + index % 26)}.";
}

/// <summary>
/// The draft's words in order, in one language, before any layout: the standard document and an institution's own
/// template are both written from this, so they say the same.
/// </summary>
public sealed record DraftContent(
    string KindTitle, string KindInText, string Title, DraftParty First, DraftParty Second, IReadOnlyList<string> NumberLines,
    string Opening, IReadOnlyList<string> Recitals, IReadOnlyList<DraftArticle> Articles, IReadOnlyList<string> WitnessLines,
    string Validity, string EvaluationInterval)
{
    public static DraftContent From(DraftFacts facts, DraftTexts texts)
    {
        var a = facts.Agreement;
        var kindText = texts.Get($"KindInText.{a.Kind}");
        var both = texts.Get("BothParties");
        var first = new DraftParty(texts.Get("FirstParty"), facts.Institution.HeadName,
            texts.Get("FirstPartyPosition", new Dictionary<string, string> { ["instansi"] = facts.Institution.Name }), facts.Institution.Name);
        var second = new DraftParty(texts.Get("SecondParty"), facts.Partner.ContactName,
            texts.Get("SecondPartyPosition", new Dictionary<string, string> { ["instansi"] = facts.Partner.Name }), facts.Partner.Name);
        var fields = new Dictionary<string, string>
        {
            ["jenis"] = kindText, ["judul"] = a.Title, ["paraPihak"] = both, ["pihakKesatu"] = first.Label, ["pihakKedua"] = second.Label,
            ["pihakKesatuInstansi"] = first.Office, ["pihakKeduaInstansi"] = second.Office,
            ["tujuan"] = a.Purpose, ["jangkaWaktu"] = SpelledOut.FiguresAndWords(a.ValidityMonths, texts.English),
            ["interval"] = SpelledOut.FiguresAndWords(facts.EvaluationIntervalMonths, texts.English),
        };

        var recitals = new List<string> { texts.Get("Recital", fields) };
        if (facts.Parent is { } parent)
            recitals.Add(texts.Get("CitesParent", new Dictionary<string, string>(fields) { ["judulInduk"] = parent.Title, ["idInduk"] = parent.Id }));
        if (facts.Renewed is { } renewed)
            recitals.Add(texts.Get("CitesRenewal", new Dictionary<string, string>(fields)
            {
                ["jenisLama"] = texts.Get($"KindInText.{renewed.Kind}"), ["judulLama"] = renewed.Title, ["idLama"] = renewed.Id,
                ["berakhir"] = renewed.ExpiresOn is { } ends ? texts.Get("RenewalEnds", new Dictionary<string, string> { ["tanggal"] = Date(ends, texts) }) : "",
            }));

        // The articles in their order; Pelaksanaan only when there is an action plan, so the numbers follow what is there.
        var articles = new List<(string Key, IReadOnlyList<string> Items)>
        {
            ("Purpose", []),
            ("Scope", [.. a.Scope.Select(s => texts.Get("Article.Scope.Item", new Dictionary<string, string>
            {
                ["bidang"] = texts.English ? Bilingual.En($"Area.{s.Area}") : Bilingual.Id($"Area.{s.Area}"), ["uraian"] = Clause(s.Description),
            }))]),
        };
        if (a.ActionPlan.Count > 0)
            articles.Add(("Implementation", [.. a.ActionPlan.Select(i => texts.Get("Article.Implementation.Item", new Dictionary<string, string>
            {
                ["kegiatan"] = Clause(i.Activity), ["pelaksana"] = i.Owner,
                ["target"] = i.DueOn is { } due ? texts.Get("Article.Implementation.Due", new Dictionary<string, string> { ["tanggal"] = Date(due, texts) }) : "",
                ["frekuensi"] = i.Frequency is { Length: > 0 } often ? texts.Get("Article.Implementation.Frequency", new Dictionary<string, string> { ["frekuensi"] = often }) : "",
            }))]));
        foreach (var key in new[] { "Duties", "Funding", "Term", "Evaluation", "Disputes", "ForceMajeure", "Other", "Closing" }) articles.Add((key, []));

        var scopeArticle = DraftArticle.Line(articles.FindIndex(a => a.Key == "Scope") + 1, texts);
        var numbered = articles.Select((article, i) => new DraftArticle(
            i + 1, article.Key, texts.Get($"Article.{article.Key}.Title"),
            texts.Paragraphs($"Article.{article.Key}.Body", new Dictionary<string, string>(fields) { ["pasalRuangLingkup"] = scopeArticle }), article.Items)).ToList();

        return new DraftContent(
            texts.Get($"Kind.{a.Kind}"), kindText, a.Title, first, second,
            [texts.Get("NumberLine", new Dictionary<string, string> { ["pihak"] = first.Label }), texts.Get("NumberLine", new Dictionary<string, string> { ["pihak"] = second.Label })],
            texts.Get("Opening", new Dictionary<string, string>
            {
                // Filled in at signing: a draft leaves the day and the place blank.
                ["tanggal"] = texts.Get("BlankDate"), ["tempat"] = texts.Get("BlankPlace"),
            }),
            recitals, numbered,
            [.. Enumerable.Range(1, 2).Select(n => texts.Get("WitnessLine", new Dictionary<string, string> { ["nomor"] = $"{n}" }))],
            $"{fields["jangkaWaktu"]} {texts.Get("Months")}", $"{fields["interval"]} {texts.Get("Months")}");
    }

    /// <summary>The party's line in the opening: name, position, on whose behalf, and what it is called from then on.</summary>
    public string PartyLine(DraftParty party, DraftTexts texts) => texts.Get("PartyLine", new Dictionary<string, string>
    {
        ["nama"] = party.Name, ["jabatan"] = party.Position, ["instansi"] = party.Office, ["pihak"] = party.Label,
    });

    /// <summary>A text as an item of a list, whose own ending the list gives (";").</summary>
    private static string Clause(string text) => text.Trim().TrimEnd('.', ';', ',');

    private static string Date(DateOnly date, DraftTexts texts) => texts.English ? Hosting.Formats.DateEn(date) : Hosting.Formats.DateId(date);
}
