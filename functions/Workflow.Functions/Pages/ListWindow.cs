using Workflow.Functions.Agreements;

namespace Workflow.Functions.Pages;

/// <summary>
/// One page of a list sorted by title, taken from a stream of any length while holding no more than two pages: the rows
/// after <paramref name="after"/> (the last row of the page before), where the page before that one starts, and the count.
/// </summary>
public sealed class ListWindow(int size, ListPosition? after)
{
    private static readonly IComparer<AgreementSummary> ByTitle = Comparer<AgreementSummary>.Create((x, y) => Compare(x.Title, x.Id, y.Title, y.Id));

    private static int Compare(string title, string id, string otherTitle, string otherId) =>
        StringComparer.OrdinalIgnoreCase.Compare(title, otherTitle) is var c and not 0 ? c : StringComparer.Ordinal.Compare(id, otherId);

    private readonly SortedSet<AgreementSummary> next = new(ByTitle);
    private readonly SortedSet<AgreementSummary> before = new(ByTitle);

    public int Count { get; private set; }
    public int CountBefore { get; private set; }

    /// <summary>The rows of this page, in order.</summary>
    public IReadOnlyList<AgreementSummary> Rows => [.. next];

    /// <summary>Where this page starts: its position is that of the row before it (null on the first page).</summary>
    public ListPosition? After => after;

    /// <summary>The next page's token, if there are rows after this page.</summary>
    public string? NextToken => Count - CountBefore > size ? Position(next.Max!).Token : null;

    /// <summary>Whether there is a page before; its token is null when it is the first page.</summary>
    public bool HasPrevious => CountBefore > 0;

    public string? PreviousToken => before.Count > size ? Position(before.Min!).Token : null;

    public void Add(AgreementSummary row)
    {
        Count++;
        if (after is null || Compare(row.Title, row.Id, after.PartitionKey, after.RowKey) > 0) Keep(next, row, dropLargest: true);
        else
        {
            CountBefore++;
            Keep(before, row, dropLargest: false);
        }
    }

    private void Keep(SortedSet<AgreementSummary> set, AgreementSummary row, bool dropLargest)
    {
        // The page after holds the smallest rows; the page before keeps one row more, the one its token starts after.
        var limit = dropLargest ? size : size + 1;
        set.Add(row);
        if (set.Count > limit) set.Remove(dropLargest ? set.Max! : set.Min!);
    }

    /// <summary>A row's place in title order, as a token carries it (the title where a table's token has its partition).</summary>
    public static ListPosition Position(AgreementSummary row) => new(row.Title, row.Id);
}
