using Workflow.Functions.Hosting;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>
/// Sets the app's dev clock for one test and puts it back afterwards. Before each move the outbox is
/// allowed to settle: a row stamped by the real clock would otherwise look due far in the future once
/// the clock is set back, and stall the dispatcher for every test after it (real time never runs backwards).
/// </summary>
public sealed class ClockTravel(DevClock clock, StorageProbe? probe = null) : IDisposable
{
    public ClockTravel(SinergiFixture fixture) : this(fixture.Clock, fixture.Storage) { }

    public void To(DateTimeOffset utc)
    {
        probe?.WaitForQuietAsync(seconds: 120).GetAwaiter().GetResult();
        clock.Set(utc);
    }

    public void Dispose() => clock.Reset();
}
