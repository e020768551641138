using Azure.Data.Tables;

namespace Workflow.Functions.Storage;

/// <summary>
/// A table property holds at most 32K UTF-16 characters, so long JSON is split over
/// numbered properties: Name0, Name1, … and joined again on read.
/// </summary>
public static class LargeText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string value)
    {
        var parts = Math.Max(1, (value.Length + ChunkChars - 1) / ChunkChars);
        for (var i = 0; i < parts; i++)
            entity[$"{name}{i}"] = value.Substring(i * ChunkChars, Math.Min(ChunkChars, value.Length - i * ChunkChars));
        entity[$"{name}Parts"] = parts;
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32($"{name}Parts") is not { } parts) return null;
        return string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString($"{name}{i}")));
    }
}
