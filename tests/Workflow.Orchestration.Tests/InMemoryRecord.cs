using Workflow.Core;
using Workflow.Orchestration;

namespace Workflow.Orchestration.Tests;

/// <summary>
/// The agreement's record in memory, with a clock the test moves: what the app's activities read and change, done the
/// same way (the view from <see cref="ProcessView.Of"/>, the agreement's own AskOfficial and FireTimer).
/// </summary>
internal sealed class InMemoryRecord(Agreement agreement, DateTimeOffset now, TimeSpan lookAgainAfter) : ILifecycleActivities
{
    private static readonly Actor System = new("sistem@sinergi.local", "Sinergi");
    private readonly Lock gate = new();
    private readonly List<AgreementEvent> events = [];
    private DateTimeOffset clock = now;
    private int version = 1;
    private int looks;

    public string Id => agreement.Id;
    public int Looks => Volatile.Read(ref looks);

    public int Version
    {
        get { lock (gate) return version; }
    }

    public DateTimeOffset Now
    {
        get { lock (gate) return clock; }
        set { lock (gate) clock = value; }
    }

    public IReadOnlyList<AgreementEvent> Events
    {
        get { lock (gate) return [.. events]; }
    }

    public IReadOnlyList<T> EventsOf<T>() where T : AgreementEvent => Events.OfType<T>().ToList();

    /// <summary>A command on the record, as a door or the process runs it; the step whose official now waits to be asked, as the app's signal names it.</summary>
    public StepToAsk? Change(Func<Agreement, DateTimeOffset, IEnumerable<AgreementEvent>> move)
    {
        lock (gate)
        {
            var made = move(agreement, clock).ToList();
            if (made.Count == 0) return null;
            events.AddRange(made);
            version++;
            return StepToAsk.Of(agreement);
        }
    }

    public Task<ProcessView> ReadAgreementAsync(LifecycleInput input, CancellationToken ct)
    {
        Interlocked.Increment(ref looks);
        lock (gate) return Task.FromResult(ProcessView.Of(agreement, version, clock, input.Since, NoticePolicy.Default, lookAgainAfter));
    }

    public Task<ProcessView> AskOfficialAsync(AskOfficialInput input, CancellationToken ct)
    {
        _ = Change((a, at) => a.AskOfficial(input.Step.Round, input.Step.Step, System, at) is { } asked ? [asked] : []);
        return ReadAgreementAsync(input.Look, ct);
    }

    public Task<ProcessView> FireTimerAsync(FireTimerInput input, CancellationToken ct)
    {
        _ = Change((a, at) => a.FireTimer(input.Timer, NoticePolicy.Default, System, at));
        return ReadAgreementAsync(input.Look, ct);
    }
}
