using Azure.Data.Tables;

namespace Workflow.Functions.Dispatch;

/// <summary>What became of one outbox row: done (delete it), to try again later, or taken by another dispatcher.</summary>
public sealed record RowOutcome(TableEntity? Delete, TimeSpan? RetryIn)
{
    public static RowOutcome Done(TableEntity row) => new(row, null);
    public static RowOutcome Later(TimeSpan delay) => new(null, delay);
    public static readonly RowOutcome Skip = new(null, null);
}
