using Microsoft.Extensions.Primitives;

namespace Workflow.Functions.Pages;

/// <summary>
/// What a form shows: the values entered (so nothing is lost when it comes back) and the errors by field.
/// Field names are the domain's error keys (<c>steps[0].email</c>), so each message lands beside its field.
/// </summary>
public sealed record FormState(string Form, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly FormState Empty = new("", new Dictionary<string, string>(), new Dictionary<string, string[]>());

    public static FormState From(string form, IEnumerable<KeyValuePair<string, StringValues>> values, IReadOnlyDictionary<string, string[]> errors) =>
        new(form, values.ToDictionary(v => v.Key, v => v.Value.ToString()), errors);

    public FormState For(string form) => Form == form ? this : Empty;

    public string Value(string name, string? fallback = null) => Values.TryGetValue(name, out var v) ? v : fallback ?? "";
}
