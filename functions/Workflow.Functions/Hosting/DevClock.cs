namespace Workflow.Functions.Hosting;

/// <summary>
/// The clock of Development and Testing: normally the system clock; once set, it runs on from the set instant,
/// so events keep their order while a test travels to a day it needs.
/// </summary>
public sealed class DevClock(TimeProvider system) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset? setTo;
    private DateTimeOffset setAt;

    public bool IsSet { get { lock (gate) return setTo is not null; } }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
            return setTo is { } anchor ? anchor + (system.GetUtcNow() - setAt) : system.GetUtcNow();
    }

    public void Set(DateTimeOffset utcNow)
    {
        lock (gate) { setTo = utcNow.ToUniversalTime(); setAt = system.GetUtcNow(); }
    }

    public void Reset()
    {
        lock (gate) setTo = null;
    }
}
