using Azure.Data.Tables;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Storage;

/// <summary>
/// The limits of an entity group transaction. Azurite does not enforce them, so they are checked
/// here before sending: a batch that would fail in Azure fails the same way locally.
/// </summary>
public static class BatchLimits
{
    public const int MaxEntities = 100;
    public const long MaxBatchBytes = 4 * 1024 * 1024;
    public const long MaxEntityBytes = 1024 * 1024;

    public static void Check(IReadOnlyCollection<TableTransactionAction> actions)
    {
        if (actions.Count > MaxEntities)
            throw new PayloadTooLargeException($"Perubahan ini memerlukan {actions.Count} baris; batas satu transaksi {MaxEntities}.");
        if (actions.Select(a => a.Entity.PartitionKey).Distinct().Count() > 1)
            throw new InvalidOperationException("A transaction must stay in one partition.");
        long total = 0;
        foreach (var action in actions)
        {
            CheckProperties(action.Entity);
            var size = EntityBytes(action.Entity);
            if (size > MaxEntityBytes)
                throw new PayloadTooLargeException($"Data perjanjian terlalu besar untuk disimpan ({size / 1024} KiB; batas {MaxEntityBytes / 1024} KiB per baris).");
            total += size;
        }
        if (total > MaxBatchBytes - 64 * 1024)
            throw new PayloadTooLargeException($"Perubahan ini terlalu besar untuk satu transaksi ({total / 1024} KiB).");
    }

    /// <summary>A property holds at most 64 KiB (a string 32K UTF-16 characters); long text goes through LargeText.</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    private static void CheckProperties(ITableEntity entity)
    {
        if (entity is not TableEntity t) return;
        foreach (var (key, value) in t)
            if (value is string s && s.Length * 2 > MaxPropertyBytes || value is byte[] b && b.Length > MaxPropertyBytes) // binary: 64 KiB of bytes
                throw new PayloadTooLargeException($"Isian '{key}' terlalu panjang untuk disimpan (batas {MaxPropertyBytes / 1024} KiB).");
    }

    /// <summary>Size as the service counts it: strings as UTF-16, binary as base64, plus names and a fixed overhead.</summary>
    public static long EntityBytes(ITableEntity entity)
    {
        long size = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2;
        if (entity is TableEntity t)
            foreach (var (key, value) in t)
                size += 8 + key.Length * 2 + value switch
                {
                    string s => 4 + s.Length * 2,
                    byte[] b => 4 + (b.Length + 2) / 3 * 4, // sent, and counted, as base64
                    _ => 8,
                };
        return size;
    }

}
