using System.Text;
using Azure.Data.Tables;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Storage;

/// <summary>
/// Long text (JSON) in table rows, as UTF-8 split over binary properties of at most 64 KiB: Name0, Name1, … and
/// NameParts. UTF-8 takes half the room of the UTF-16 strings Table Storage would store for Latin text. Text longer
/// than one row holds can go on in further rows (<see cref="WriteSpread"/>). Rows written before held UTF-16
/// string parts; they are still read.
/// </summary>
public static class LargeText
{
    public const int ChunkBytes = 64_000;
    /// <summary>
    /// Binary travels as base64, and the service (and its emulator) counts it so: eleven chunks (704,000 bytes, 938,667 as
    /// base64) leave room in a 1 MiB row for the other columns.
    /// </summary>
    public const int ChunksPerRow = 11;

    /// <summary>Writes the text into one row; text too long for a row is refused (413), nothing is written.</summary>
    public static void Write(TableEntity entity, string name, string value) =>
        WriteSpread(entity, name, value, _ => throw new PayloadTooLargeException(
            $"Data ini terlalu besar untuk disimpan ({Bytes(value) / 1024} KiB; batas {ChunksPerRow * ChunkBytes / 1024} KiB). Persingkat isian yang panjang."));

    /// <summary>Writes the text into <paramref name="first"/> and, when it does not fit, into further rows made by <paramref name="next"/>(1, 2, …).</summary>
    public static IReadOnlyList<TableEntity> WriteSpread(TableEntity first, string name, string value, Func<int, TableEntity> next)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var parts = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
        var more = new List<TableEntity>();
        for (var i = 0; i < parts; i++)
        {
            var row = i < ChunksPerRow ? first : i % ChunksPerRow == 0 ? Add(more, next(more.Count + 1)) : more[^1];
            row[$"{name}{i}"] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - i * ChunkBytes)).ToArray();
        }
        first[$"{name}Parts"] = parts;
        return more;
    }

    private static TableEntity Add(List<TableEntity> rows, TableEntity row)
    {
        rows.Add(row);
        return row;
    }

    /// <summary>How many rows <see cref="WriteSpread"/> needs for a text of this many parts.</summary>
    public static int Rows(int parts) => (parts + ChunksPerRow - 1) / ChunksPerRow;

    public static string? Read(TableEntity entity, string name) => Read([entity], name);

    /// <summary>Reads the text back from its first row and the further rows, in order.</summary>
    public static string? Read(IReadOnlyList<TableEntity> rows, string name)
    {
        if (rows[0].GetInt32($"{name}Parts") is not { } parts) return null;
        object? Part(int i) => rows.Select(r => r.TryGetValue($"{name}{i}", out var v) ? v : null).FirstOrDefault(v => v is not null);
        if (Part(0) is string)
            return string.Concat(Enumerable.Range(0, parts).Select(i => (string?)Part(i)));
        using var bytes = new MemoryStream();
        for (var i = 0; i < parts; i++) bytes.Write((byte[])Part(i)!);
        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>How many bytes <paramref name="value"/> takes once written.</summary>
    public static int Bytes(string value) => Encoding.UTF8.GetByteCount(value);
}
