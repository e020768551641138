using Microsoft.DurableTask.Client;

namespace Workflow.Functions.Lifecycle;

/// <summary>
/// The Durable Task client commands signal orchestrations with. Standalone, the app's own (over its sidecar). Under the
/// Functions host the extension gives it to functions only ([DurableClient]); it is the same client for every
/// invocation of the app (cached by the extension), so each function hands it over here before it runs anything.
/// </summary>
public sealed class DurableClientHolder
{
    private DurableTaskClient? client;

    public DurableClientHolder() { }

    public DurableClientHolder(DurableTaskClient client) => this.client = client;

    public DurableTaskClient? Client => client;

    public void Use(DurableTaskClient? bound)
    {
        if (bound is not null) client = bound;
    }
}
