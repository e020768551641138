using Workflow.Core;

namespace Workflow.Functions.Agreements;

/// <summary>One stored event; <c>data</c> is the event itself, its schema chosen by its <c>type</c>, or null when what is stored
/// can no longer be read as that event (the chain then says where it broke).</summary>
public sealed record HistoryEntry(int Seq, string Type, DateTimeOffset At, Actor Actor, AgreementEvent? Data, string PreviousHash, string Hash, bool Valid);

/// <summary>The events with their hash chain; <c>verified</c> is false and <c>brokenAtSeq</c> set when any stored event was changed or removed.</summary>
public sealed record HistoryResponse(string AgreementId, int Version, bool Verified, int? BrokenAtSeq, IReadOnlyList<HistoryEntry> Events)
{
    public static HistoryResponse Verify(StoredAgreement state, IReadOnlyList<StoredEvent> events)
    {
        var entries = new List<HistoryEntry>();
        int? brokenAt = null;
        var expectedPrevious = EventChain.Genesis;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var valid = e.Seq == i + 1
                && e.PreviousHash == expectedPrevious
                && e.Hash == EventChain.Hash(e.PreviousHash, e.Seq, e.Type, e.At, e.Actor.Email, e.Data);
            if (!valid) brokenAt ??= i + 1;
            entries.Add(new HistoryEntry(e.Seq, e.Type, e.At, e.Actor, StoredEvents.TryRead(e.Type, e.Data), e.PreviousHash, e.Hash, valid));
            expectedPrevious = e.Hash;
        }
        // A removed last event leaves a chain that is whole but short of the state's head.
        if (brokenAt is null && (events.Count != state.Version || expectedPrevious != state.LastHash))
            brokenAt = Math.Min(events.Count, state.Version) + 1;
        return new HistoryResponse(state.Agreement.Id, state.Version, brokenAt is null, brokenAt, entries);
    }
}
