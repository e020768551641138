using Microsoft.DurableTask;

namespace Workflow.Orchestration;

/// <summary>
/// One orchestration per agreement (instance id = agreement id), from its creation or import until it is Renewed,
/// Expired, Terminated or Rejected. Each generation looks at the record, asks the official whose turn it is, fires the
/// reminder, escalation or evaluation reminder that is due (looking again after each), then shows what it saw (its
/// custom status: <see cref="LifecycleStatus"/>) and waits for a change (a signal from a command, or from the dev clock)
/// or for its next timer, then starts afresh (ContinueAsNew), so its history stays a few events long however long the
/// agreement lives. Signals are only a wake-up call (at most with a hint of whom to ask): what happened is read from the
/// record, so a signal that comes twice changes nothing and one that never comes is made good at the next look.
/// </summary>
public static class AgreementLifecycle
{
    public const string Name = "AgreementLifecycle";
    /// <summary>The external event that wakes the orchestration: the record changed, or the clock moved.</summary>
    public const string Changed = "Changed";

    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), 2, TimeSpan.FromMinutes(1)));
    /// <summary>A look whose activity failed every retry (storage gone for half a minute or more) is tried again after this.</summary>
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);
    private const int MaxActsPerLook = 8;

    public static async Task RunAsync(TaskOrchestrationContext context, LifecycleInput input)
    {
        ProcessView view;
        try
        {
            // Woken by a decision that leaves the next official waiting, it asks them first: one activity before the email.
            var look = input with { Ask = null };
            view = input.Ask is { } hinted
                ? await context.CallActivityAsync<ProcessView>(LifecycleActivities.AskOfficial, new AskOfficialInput(look, hinted), Retry)
                : await context.CallActivityAsync<ProcessView>(LifecycleActivities.ReadAgreement, look, Retry);
            // Each change it makes answers the agreement as it then is: another official may be waiting, another timer
            // due. A look acts a few times at most (one ask, the timers a long pause let fall due): generations stay short.
            for (var acted = 0; !view.Finished && acted < MaxActsPerLook; acted++)
            {
                if (view.Ask is { } ask)
                    view = await context.CallActivityAsync<ProcessView>(LifecycleActivities.AskOfficial, new AskOfficialInput(look, ask), Retry);
                else if (view.Next is { } due && due.DueAt <= view.Now)
                    view = await context.CallActivityAsync<ProcessView>(LifecycleActivities.FireTimer, new FireTimerInput(look, due), Retry);
                else
                    break;
            }
            if (view.Finished) return;
        }
        catch (TaskFailedException)
        {
            // Storage gone for minutes, say: the record is unchanged, so look again a little later.
            await WaitAsync(context, AfterFailure);
            context.ContinueAsNew(input with { Ask = null });
            return;
        }

        context.SetCustomStatus(new LifecycleStatus(view.Now, view.Next?.DueAt, view.Version));
        var untilNext = view.Next is { } next ? next.DueAt - view.Now : view.LookAgainAfter;
        var told = await WaitAsync(context, untilNext < view.LookAgainAfter ? untilNext : view.LookAgainAfter);
        context.ContinueAsNew(new LifecycleInput(input.AgreementId, view.Now, told));
    }

    /// <summary>
    /// Until a change is signalled or the time has passed, whichever comes first. The step to ask that the signal named,
    /// if it did (the signal's payload; null from the clock, the outbox's second signal, or a timer).
    /// </summary>
    private static async Task<StepToAsk?> WaitAsync(TaskOrchestrationContext context, TimeSpan wait)
    {
        using var cancel = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent<StepToAsk?>(Changed, cancel.Token);
        var timer = context.CreateTimer(context.CurrentUtcDateTime + wait, cancel.Token);
        var first = await Task.WhenAny(changed, timer);
        cancel.Cancel();
        return first == changed ? changed.Result : null;
    }
}
