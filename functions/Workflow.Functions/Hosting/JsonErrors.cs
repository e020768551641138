using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>
/// A JSON value the serializer could not read, as a field error a person can act on: the field by its JSON path
/// (<c>scope[0].area</c>) and what it must be, worked out from the type the body is read into, never a .NET type name.
/// </summary>
public static partial class JsonErrors
{
    /// <param name="root">The type the JSON was read into.</param>
    /// <param name="prefix">The field the JSON came in (a multipart part), or null for a whole body.</param>
    public static DomainValidationException From(JsonException e, Type root, string? prefix = null)
    {
        // A syntax error: the reader's own exception inside; there is no value to describe, only where it broke.
        if (e.InnerException?.GetType().Name == "JsonReaderException" || e.Path is null)
            return DomainValidationException.For(prefix ?? "body",
                $"JSON tidak lengkap atau rusak (baris {(e.LineNumber ?? 0) + 1}, kolom {(e.BytePositionInLine ?? 0) + 1}).");
        var path = e.Path is "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        var field = string.Join(".", new[] { prefix, path }.Where(p => !string.IsNullOrEmpty(p)));
        return DomainValidationException.For(field.Length == 0 ? "body" : field, Expected(TypeAt(root, path) ?? Named(root, path)));
    }

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "Nilai tidak sesuai jenisnya.",
            { IsEnum: true } => $"Nilai tidak dikenal; pilih salah satu: {string.Join(", ", Enum.GetNames(type))}.",
            _ when type == typeof(DateOnly) => "Tanggal harus berformat yyyy-MM-dd.",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "Waktu harus berformat ISO 8601, misalnya 2025-11-05T09:00:00Z.",
            _ when type == typeof(int) || type == typeof(long) => "Harus bilangan bulat.",
            _ when type == typeof(decimal) || type == typeof(double) => "Harus angka.",
            _ when type == typeof(bool) => "Harus true atau false.",
            _ when type == typeof(string) => "Harus teks.",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "Harus daftar (array JSON).",
            _ => "Harus objek JSON.",
        };
    }

    /// <summary>The type at a path such as <c>scope[0].area</c>, by the JSON (camelCase) names of the properties.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        Type? type = root;
        foreach (Match part in PathPart().Matches(path))
        {
            if (type is null) return null;
            type = part.Groups["index"].Success ? ElementOf(type)
                : type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, part.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }
        return type;
    }

    /// <summary>
    /// The type of a property of that name anywhere below the root: the serializer reports the path of a value read for a
    /// record's constructor without its parents (<c>area</c> for <c>scope[1].area</c>).
    /// </summary>
    private static Type? Named(Type root, string path, int depth = 0)
    {
        if (depth > 5 || path.Length == 0) return null;
        var name = path[(path.LastIndexOf('.') + 1)..];
        var element = ElementOf(root) is { } e && root != typeof(string) ? e : root;
        if (element.IsPrimitive || element == typeof(string) || element.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return null;
        foreach (var property in element.GetProperties())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.PropertyType;
            if (Named(property.PropertyType, name, depth + 1) is { } found) return found;
        }
        return null;
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();
}
