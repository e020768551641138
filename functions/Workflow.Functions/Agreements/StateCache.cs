using Azure;
using Microsoft.Extensions.Caching.Memory;
using Workflow.Core;

namespace Workflow.Functions.Agreements;

/// <summary>
/// An agreement's state as this instance last read or wrote it: the snapshot text, so each use gets its own copy, and
/// the history at the same version when it was read (it is immutable, so it is shared). <paramref name="HistoryChars"/>
/// is the length of the events it was folded from, for the cache's size.
/// </summary>
public sealed record CachedState(string Snapshot, int Version, string LastHash, ETag ETag, AgreementHistory? History = null, long HistoryChars = 0, int StateRows = 1);

/// <summary>
/// Saves commands a read of the state they are about to replace. Only commands use it, and only as a guess: the commit
/// is guarded by the state's ETag, so a guess made stale by another instance fails its commit, and the command is run
/// again on the state read afresh. Bounded by the size of the snapshots it holds.
/// </summary>
public sealed class StateCache : IDisposable
{
    private const long MaxChars = 32L << 20;
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxChars, CompactionPercentage = 0.25 });
    private readonly Lock gate = new();

    public CachedState? Find(string agreementId) => cache.TryGetValue(agreementId, out CachedState? state) ? state : null;

    /// <summary>Never goes back: a read that started before a commit here may finish after it, with the older state.</summary>
    public void Keep(string agreementId, CachedState state)
    {
        lock (gate)
        {
            var known = Find(agreementId);
            if (known is not null && known.Version > state.Version) return;
            if (state.History is null && known is { History: { } history } && known.Version == state.Version)
                state = state with { History = history, HistoryChars = known.HistoryChars };
            cache.Set(agreementId, state, new MemoryCacheEntryOptions { Size = state.Snapshot.Length + state.HistoryChars, SlidingExpiration = TimeSpan.FromHours(1) });
        }
    }

    public void Forget(string agreementId) => cache.Remove(agreementId);

    public void Dispose() => cache.Dispose();
}
