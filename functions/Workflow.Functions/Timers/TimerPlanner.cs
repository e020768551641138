using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Dispatch;

namespace Workflow.Functions.Timers;

/// <summary>Events after which the agreement's timers must be written again.</summary>
public static class TimerPlanner
{
    public static IEnumerable<OutboxItem> Plan(IEnumerable<AgreementEvent> events) =>
        events.Any(e => e is AgreementSigned or AgreementImported or ReviewSubmitted or ReviewStepDecided or EvaluationRecorded)
            ? [AgreementEngine.Outbox(OutboxKinds.ScheduleTimers, new { })]
            : [];
}
