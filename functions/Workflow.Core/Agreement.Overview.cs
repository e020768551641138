namespace Workflow.Core;

public sealed partial class Agreement
{
    /// <summary>The first evaluation due date not yet covered by a recorded evaluation, if the agreement is running.</summary>
    public DateOnly? NextEvaluationDue(NoticePolicy policy) =>
        Status == AgreementStatus.Active
            ? Schedule(policy).Where(t => t.Kind == TimerKind.EvaluationDue).Select(t => (DateOnly?)t.DueOn).Min()
            : null;

    /// <summary>The earliest target date of an unfinished action-plan item of a running agreement: late from the day after.</summary>
    public DateOnly? EarliestOpenItemDue =>
        Status == AgreementStatus.Active
            ? ActionPlan.Where(i => i.Status is not (ActionItemStatus.Done or ActionItemStatus.Cancelled)).Select(i => i.DueOn).Min()
            : null;

    /// <summary>When the step now waiting for a decision runs out of its allowed days.</summary>
    public DateTimeOffset? CurrentReviewDeadline =>
        OpenRound is { CurrentStep: { } step } round && round.CurrentStepStartedAt(step) is { } started ? started.AddDays(step.DaysAllowed) : null;
}
