using Workflow.Core;

namespace Workflow.Orchestration;

/// <summary>
/// The changes an agreement's orchestration is told of (<see cref="AgreementLifecycle.Changed"/>): those that may give
/// it an official to ask, a timer to wait for, or an end. The others (a draft, a plan, a notice of its end) change nothing it does.
/// </summary>
public static class ProcessSignals
{
    public static readonly IReadOnlySet<string> EventTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(ReviewSubmitted), nameof(ReviewStepDecided), nameof(AgreementSigned), nameof(EvaluationRecorded),
        nameof(AgreementTerminated), nameof(AgreementRenewed), nameof(AgreementExpired),
        // Its evaluation reminders stop at a termination's day, and go on again when it is withdrawn.
        nameof(TerminationScheduled), nameof(TerminationWithdrawn),
    };

    public static bool Concern(IEnumerable<AgreementEvent> events) => events.Any(e => EventTypes.Contains(e.Type));
}
