using System.Globalization;

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

    /// <summary>Setting <c>Dev:ClockStartsAt</c> starts the clock at that instant, so a restarted app goes on where the last one was.</summary>
    public static DevClock FromSettings(IConfiguration configuration, TimeProvider system)
    {
        var clock = new DevClock(system);
        if (configuration["Dev:ClockStartsAt"] is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                throw new InvalidOperationException($"Setting 'Dev:ClockStartsAt' is not an ISO 8601 instant: '{text}'.");
            clock.Set(start);
        }
        return clock;
    }

    public void Reset()
    {
        lock (gate) setTo = null;
    }
}
