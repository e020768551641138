using Microsoft.DurableTask.Client;

namespace Workflow.Functions.Process;

/// <summary>
/// The Durable Task client a request or an invocation uses to reach agreements' orchestrations. Under the Functions host
/// it is the one bound to the function ([DurableClient]), so the function sets it; standalone it is the app's own.
/// </summary>
public sealed class DurableClientScope
{
    public DurableTaskClient? Client { get; set; }
}
