using Microsoft.DurableTask;

namespace Workflow.Orchestration;

/// <summary>
/// One orchestration per agreement (instance id = agreement id), from its creation or import until it is Renewed,
/// Expired, Terminated or Rejected. Each generation looks at the record, asks the official whose turn it is, fires the
/// reminder, escalation or evaluation reminder that is due (then looks again), and otherwise shows what it saw (its custom
/// status: <see cref="LifecycleStatus"/>) and waits for a change (a signal from a command,
/// or from the dev clock) or for its next timer, then starts afresh (ContinueAsNew), so its history stays a few events
/// long however long the agreement lives. Signals are only a wake-up call: what happened is read from the record, so a
/// signal that comes twice changes nothing and one that never comes is made good at the next look.
/// </summary>
public static class AgreementLifecycle
{
    public const string Name = "AgreementLifecycle";
    /// <summary>The external event that wakes the orchestration: the record changed, or the clock moved.</summary>
    public const string Changed = "Changed";

    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        ProcessView view;
        try
        {
            view = await context.CallActivityAsync<ProcessView>(LifecycleActivities.ReadAgreement, input, Retry);
            if (view.Finished) return;
            // Each change it makes is followed by a fresh look: another official may be waiting, another timer due.
            if (view.Ask is { } ask)
            {
                await context.CallActivityAsync(LifecycleActivities.AskOfficial, ask, Retry);
                context.ContinueAsNew(input);
                return;
            }
            if (view.Next is { } due && due.DueAt <= view.Now)
            {
                await context.CallActivityAsync(LifecycleActivities.FireTimer, new FireTimerInput(input.AgreementId, due), Retry);
                context.ContinueAsNew(input);
                return;
            }
        }
        catch (TaskFailedException)
        {
            // Storage gone for minutes, say: the record is unchanged, so look again a little later.
            await WaitAsync(context, AfterFailure);
            context.ContinueAsNew(input);
            return;
        }

        context.SetCustomStatus(new LifecycleStatus(view.Now, view.Next?.DueAt, view.Version));
        var untilNext = view.Next is { } next ? next.DueAt - view.Now : view.LookAgainAfter;
        await WaitAsync(context, untilNext < view.LookAgainAfter ? untilNext : view.LookAgainAfter);
        context.ContinueAsNew(input with { Since = view.Now });
    }

    /// <summary>Until a change is signalled or the time has passed, whichever comes first.</summary>
    private static async Task WaitAsync(TaskOrchestrationContext context, TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent<object?>(Changed, cancel.Token);
        var timer = context.CreateTimer(context.CurrentUtcDateTime + wait, cancel.Token);
        await Task.WhenAny(changed, timer);
        cancel.Cancel();
    }
}
