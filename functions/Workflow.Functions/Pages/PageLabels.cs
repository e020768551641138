using System.Text.RegularExpressions;
using Workflow.Core;

namespace Workflow.Functions.Pages;

/// <summary>Human names, in the page's language, for what the domain names in English identifiers (texts in <see cref="Texts"/>).</summary>
public static partial class PageLabels
{
    public static string PartnerKind(this PageContext p, PartnerKind kind) => p.Label("PartnerKind", kind);

    public static string Role(this PageContext p, ReviewerRole role) => p.Label("Role", role);

    public static string Recommendation(this PageContext p, Recommendation r) => p.Label("Recommendation", r);

    public static string ItemStatus(this PageContext p, ActionItemStatus s) => p.Label("ItemStatus", s);

    /// <summary>An event of the history by what happened (its type stays in the API).</summary>
    public static string Event(this PageContext p, string type) => p.Label("Event", type);

    /// <summary>A timer ahead: what it is, and for which round and step, evaluation, or how long before expiry.</summary>
    public static string Timer(this PageContext p, ScheduledTimer t)
    {
        var n = Numbers().Matches(t.Detail).Select(m => m.Value).ToList();
        return p.Texts[$"Timer.{t.Kind}", At(n, 0), At(n, 1)];
    }

    /// <summary>Name — position, organization, leaving out what is empty.</summary>
    public static string Person(Person x) =>
        string.Join(" — ", new[] { x.Name, string.Join(", ", new[] { x.Position, x.Organization }.Where(s => !string.IsNullOrWhiteSpace(s))) }
            .Where(s => s.Length > 0));

    private static string At(IReadOnlyList<string> numbers, int i) => i < numbers.Count ? numbers[i] : "?";

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
