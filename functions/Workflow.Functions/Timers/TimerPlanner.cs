using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Dispatch;

namespace Workflow.Functions.Timers;

/// <summary>Events that set the dates of the agreement's end (signing, import, a termination scheduled or withdrawn), after which its renewal notices and expiry are written into the index.</summary>
public static class TimerPlanner
{
    public static IEnumerable<OutboxItem> Plan(IEnumerable<AgreementEvent> events) =>
        events.Any(e => e is AgreementSigned or AgreementImported or TerminationScheduled or TerminationWithdrawn)
            ? [AgreementEngine.Outbox(OutboxKinds.ScheduleTimers, new { })]
            : [];
}
