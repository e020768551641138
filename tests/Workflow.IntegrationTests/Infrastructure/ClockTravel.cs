using Workflow.Functions.Hosting;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>Sets the app's dev clock for one test and puts it back afterwards.</summary>
public sealed class ClockTravel(DevClock clock) : IDisposable
{
    public void To(DateTimeOffset utc) => clock.Set(utc);

    public void Dispose() => clock.Reset();
}
