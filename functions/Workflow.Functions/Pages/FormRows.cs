using Microsoft.Extensions.Primitives;

namespace Workflow.Functions.Pages;

/// <summary>
/// A form has a few empty rows for lists (steps, signatories, plan items). Rows left empty are dropped, and the
/// kept ones renumbered, so the domain's error keys (<c>steps[1].email</c>) point at the rows shown again.
/// </summary>
public static class FormRows
{
    public static List<Dictionary<string, string>> Read(IReadOnlyDictionary<string, string> values, string prefix, string[] fields, int max = 50) =>
        Enumerable.Range(0, max)
            .Select(i => fields.ToDictionary(f => f, f => values.TryGetValue($"{prefix}[{i}].{f}", out var v) ? v.Trim() : ""))
            .Where(row => row.Values.Any(v => v.Length > 0))
            .ToList();

    /// <summary>The submitted values with each list renumbered as <see cref="Read"/> sees it.</summary>
    public static Dictionary<string, string> Compact(IReadOnlyDictionary<string, string> values, params (string Prefix, string[] Fields)[] lists)
    {
        var result = values.Where(v => !lists.Any(l => v.Key.StartsWith(l.Prefix + "[", StringComparison.Ordinal))).ToDictionary(v => v.Key, v => v.Value);
        foreach (var (prefix, fields) in lists)
        {
            var rows = Read(values, prefix, fields);
            for (var i = 0; i < rows.Count; i++)
                foreach (var (field, value) in rows[i]) result[$"{prefix}[{i}].{field}"] = value;
        }
        return result;
    }

    public static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, StringValues>> form) => form.ToDictionary(f => f.Key, f => f.Value.ToString());

    public static Dictionary<string, string> Flatten(IEnumerable<KeyValuePair<string, List<string>>> form) => form.ToDictionary(f => f.Key, f => f.Value[^1]);
}
