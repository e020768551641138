using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Core;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

/// <summary>How the record reaches an agreement's orchestration.</summary>
public interface IAgreementProcess
{
    /// <summary>Starts the agreement's orchestration, unless it has one.</summary>
    Task StartAsync(string agreementId, CancellationToken ct);

    /// <summary>Wakes it: something it may be waiting for happened. Throws when the task hub cannot be reached.</summary>
    Task SignalAsync(string agreementId, CancellationToken ct);
}

public sealed class AgreementProcess(DurableClientHolder holder) : IAgreementProcess
{
    private DurableTaskClient Client => holder.Client ?? throw new InvalidOperationException("No Durable Task client to reach the orchestrations with.");

    /// <summary>Checks first: starting an instance while its start is still pending would queue a second start.</summary>
    public async Task StartAsync(string agreementId, CancellationToken ct)
    {
        if (await Client.GetInstanceAsync(agreementId, ct) is not null) return;
        try
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(AgreementLifecycle.Name, new LifecycleInput(agreementId), new StartOrchestrationOptions(agreementId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (await Client.GetInstanceAsync(agreementId, ct) is null) throw; // else started meanwhile
        }
    }

    public Task SignalAsync(string agreementId, CancellationToken ct) => Client.RaiseEventAsync(agreementId, AgreementLifecycle.Changed, null, ct);
}
