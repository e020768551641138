using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Orchestration;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// What a change asks of the agreement's orchestration, through the outbox so that a crash cannot lose it: a new
/// agreement (created, imported, or a renewal) gets one; a change it is told of is checked from here, and signalled
/// again unless the orchestration has looked at it (the engine's own signal is at once, but lost if the app dies right
/// after the commit). Twice is harmless.
/// </summary>
public static class ProcessPlanner
{
    public static IEnumerable<OutboxItem> Plan(IReadOnlyList<AgreementEvent> events)
    {
        if (events.Any(e => e is AgreementCreated or AgreementImported)) yield return AgreementEngine.Outbox(OutboxKinds.StartProcess, new { });
        if (ProcessSignals.Concern(events)) yield return AgreementEngine.Outbox(OutboxKinds.SignalProcess, new { });
    }
}
