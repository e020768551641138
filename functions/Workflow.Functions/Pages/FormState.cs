using Microsoft.Extensions.Primitives;
using static Workflow.Functions.Hosting.Html;

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

    public string Error(string name) =>
        Errors.TryGetValue(name, out var messages) ? $"""<span class="error" id="{E(name)}-error">{E(string.Join(" ", messages))}</span>""" : "";

    /// <summary>Errors whose field is not on the form (e.g. the whole list) are shown at its top.</summary>
    public string Summary(IEnumerable<string> shownFields) =>
        Errors.Where(e => !shownFields.Contains(e.Key)).Select(e => $"""<p class="error">{E(e.Key)}: {E(string.Join(" ", e.Value))}</p>""") is var lines ? string.Concat(lines) : "";

    public string Input(string name, string label, string type = "text", string? fallback = null, bool required = false, string extra = "") => $"""
        <label>{E(label)}{(required ? " *" : "")}
          <input type="{type}" name="{E(name)}" value="{E(Value(name, fallback))}"{(required ? " required" : "")}{(Errors.ContainsKey(name) ? $" aria-invalid=\"true\" aria-describedby=\"{E(name)}-error\"" : "")} {extra}>
          {Error(name)}
        </label>
        """;

    public string TextArea(string name, string label, string? fallback = null, bool required = false) => $"""
        <label>{E(label)}{(required ? " *" : "")}
          <textarea name="{E(name)}" rows="3"{(required ? " required" : "")}>{E(Value(name, fallback))}</textarea>
          {Error(name)}
        </label>
        """;

    public string Select(string name, string label, IEnumerable<(string Value, string Label)> options, string? fallback = null, bool required = false, string? empty = null)
    {
        var selected = Value(name, fallback);
        return $"""
            <label>{E(label)}{(required ? " *" : "")}
              <select name="{E(name)}">{(empty is null ? "" : $"<option value=\"\">{E(empty)}</option>")}{string.Concat(options.Select(o =>
                $"""<option value="{E(o.Value)}"{(o.Value == selected ? " selected" : "")}>{E(o.Label)}</option>"""))}</select>
              {Error(name)}
            </label>
            """;
    }
}
