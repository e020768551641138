using System.Buffers.Text;
using System.Text;
using Workflow.Core;

namespace Workflow.Functions.Agreements;

/// <summary>Where a page of a list ended: the last row's keys, handed out as an opaque continuation token.</summary>
public sealed record ListPosition(string PartitionKey, string RowKey)
{
    public string Token => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{PartitionKey}\n{RowKey}"));

    /// <summary>The position a token names; a token that is not one of ours is a 400 with the field named.</summary>
    public static ListPosition? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        string? text = null;
        try { text = token.Length <= 1_024 ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : null; }
        catch (FormatException) { }
        return text?.Split('\n') is [{ Length: > 0 } partition, { Length: > 0 } row]
            ? new ListPosition(partition, row)
            : throw DomainValidationException.For("continuationToken", "Token lanjutan tidak dikenal; mulai lagi dari halaman pertama (tanpa continuationToken).");
    }
}
