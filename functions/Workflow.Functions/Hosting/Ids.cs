using System.Text.RegularExpressions;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Ids become Table Storage keys, which cannot hold '/', '\', '#', '?' or control characters.
/// Slugs (a-z, 0-9, '-', at most 64) are safe in keys, URLs and blob names alike.
/// </summary>
public static partial class Ids
{
    /// <summary>The slug pattern, also the API description's for ids.</summary>
    public const string SlugPattern = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    [GeneratedRegex(SlugPattern)]
    private static partial Regex Slug();

    public static bool IsSlug(string? value) => value is not null && Slug().IsMatch(value);

    public static string Check(Validator v, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) { v.Add(field, "Wajib diisi."); return ""; }
        if (!IsSlug(value)) v.Add(field, "Hanya huruf kecil a-z, angka 0-9 dan tanda '-', paling banyak 64 karakter.");
        return value;
    }

    /// <summary>For ids in the URL: a malformed one is a 400, not a lookup.</summary>
    public static string Route(string? value, string field = "id")
    {
        if (!IsSlug(value)) throw DomainValidationException.For(field, "Id tidak valid: hanya huruf kecil a-z, angka 0-9 dan '-', paling banyak 64 karakter.");
        return value!;
    }

    public static string? Optional(Validator v, string field, string? value) =>
        string.IsNullOrEmpty(value) ? null : Check(v, field, value);

    public static string NewAgreementId() => "agr-" + Guid.NewGuid().ToString("N")[..20];

    public static string NewDocumentId() => "doc-" + Guid.NewGuid().ToString("N")[..20];
}
