using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>
/// Sets the app's dev clock for one test and puts it back afterwards. Before each move the outbox is
/// allowed to settle: a row stamped by the real clock would otherwise look due far in the future once
/// the clock is set back, and stall the dispatcher for every test after it (real time never runs backwards).
/// Only the orchestrations of the agreements named are woken to look at the new time (the dev API wakes all that are
/// due; here other tests' agreements are left alone).
/// </summary>
public sealed class ClockTravel(DevClock clock, ClockMover mover, StorageProbe probe) : IDisposable
{
    public ClockTravel(SinergiFixture fixture)
        : this(fixture.Clock, fixture.Factory.Services.GetRequiredService<ClockMover>(), fixture.Storage) { }

    public void To(DateTimeOffset utc, params string[] wake)
    {
        probe.WaitForQuietAsync(seconds: 120).GetAwaiter().GetResult();
        clock.Set(utc);
        mover.WakeAsync(wake, CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => clock.Reset();
}
