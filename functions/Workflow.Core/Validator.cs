using System.Text.RegularExpressions;

namespace Workflow.Core;

/// <summary>Collects field errors (in Bahasa Indonesia, as officials read them) and throws them together.</summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>A text of several lines (purpose, notes, comments): line breaks and tabs are kept.</summary>
    public string Text(string field, string? value, int max, int min = 1) => Required(field, value, max, min, singleLine: false);

    public string? OptionalText(string field, string? value, int max) => Optional(field, value, max, singleLine: false);

    /// <summary>
    /// A one-line value (a title, a name, a place): no control character at all, not even a line break,
    /// so it cannot start a line of its own in a plain-text email or a header.
    /// </summary>
    public string Line(string field, string? value, int max, int min = 1) => Required(field, value, max, min, singleLine: true);

    public string? OptionalLine(string field, string? value, int max) => Optional(field, value, max, singleLine: true);

    private string Required(string field, string? value, int max, int min, bool singleLine)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) { Add(field, "Wajib diisi."); return ""; }
        CheckText(field, trimmed, max, min, singleLine);
        return trimmed;
    }

    private string? Optional(string field, string? value, int max, bool singleLine)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        CheckText(field, trimmed, max, 1, singleLine);
        return trimmed;
    }

    private void CheckText(string field, string value, int max, int min, bool singleLine)
    {
        if (value.Length > max) Add(field, $"Paling banyak {max} karakter.");
        else if (value.Length < min) Add(field, $"Paling sedikit {min} karakter.");
        if (singleLine && value.Any(c => c is '\n' or '\r')) Add(field, "Harus satu baris: tanpa ganti baris.");
        else if (value.Any(c => char.IsControl(c) && (singleLine || c is not '\n' and not '\r' and not '\t'))) Add(field, "Mengandung karakter kontrol.");
    }

    public string Email(string field, string? value)
    {
        var email = Line(field, value, 254);
        if (email.Length > 0 && !EmailShape().IsMatch(email)) Add(field, "Alamat email tidak valid.");
        return email.ToLowerInvariant();
    }

    public T Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "Wajib diisi.");
        return value ?? default;
    }

    public int Range(string field, int? value, int min, int max)
    {
        if (value is null) { Add(field, "Wajib diisi."); return 0; }
        if (value < min || value > max) Add(field, $"Harus antara {min} dan {max}.");
        return value.Value;
    }

    public IReadOnlyList<T> List<T>(string field, IReadOnlyList<T>? value, int min, int max)
    {
        if (value is null || value.Count < min) { Add(field, min == 1 ? "Paling sedikit satu isian." : $"Paling sedikit {min} isian."); return value ?? []; }
        if (value.Count > max) { Add(field, $"Paling banyak {max} isian."); return []; }
        return value;
    }

    public Person Person(string field, PersonInput? input)
    {
        if (input is null) { Add(field, "Wajib diisi."); return new Person("", "", ""); }
        return new Person(
            Line($"{field}.name", input.Name, 200),
            Line($"{field}.position", input.Position, 200),
            OptionalLine($"{field}.organization", input.Organization, 200) ?? "");
    }

    public IReadOnlyList<Person> People(string field, IReadOnlyList<PersonInput>? inputs, int min, int max) =>
        List(field, inputs, min, max).Select((p, i) => Person($"{field}[{i}]", p)).ToList();

    public void ThrowIfAny()
    {
        if (HasErrors) throw new DomainValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    [GeneratedRegex(@"^[^@\s<>""]+@[^@\s<>""]+\.[^@\s<>""]+$")]
    private static partial Regex EmailShape();
}
