namespace Workflow.Core;

public sealed partial class Agreement
{
    /// <summary>
    /// A durable timer woke this agreement. It acts only if the agreement's current state still calls for
    /// that timer and it has not fired before; otherwise it returns no event (a renewed, terminated or
    /// already-decided agreement simply lets its old timers pass).
    /// </summary>
    public IReadOnlyList<AgreementEvent> FireTimer(ScheduledTimer timer, NoticePolicy policy, Actor by, DateTimeOffset now)
    {
        if (SentNotices.Contains(timer.Id) || !Schedule(policy).Contains(timer) || now < timer.DueAt) return [];
        AgreementEvent fired = timer.Kind switch
        {
            TimerKind.Expiry => Expire(by, now),
            TimerKind.TerminationEffective => TerminationTakesEffect(by, now),
            // Counted from today, not from the planned day: a sweep that runs late still tells the truth.
            TimerKind.RenewalNotice => new RenewalNoticeDue(now, by, timer.Id, ExpiresOn!.Value.DayNumber - Today(now).DayNumber, ExpiresOn.Value),
            TimerKind.EvaluationDue or TimerKind.EvaluationOverdue => new EvaluationReminderDue(now, by, timer.Id,
                int.Parse(timer.Detail["evaluation ".Length..]), timer.Kind == TimerKind.EvaluationDue ? timer.DueOn : timer.DueOn.AddDays(-policy.EvaluationOverdueDays),
                timer.Kind == TimerKind.EvaluationOverdue),
            _ => ReviewReminder(timer, by, now),
        };
        // Only ids the schedule still holds are kept: one it no longer holds can never fire again, so the list stays short.
        var scheduled = Schedule(policy).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        SentNotices = [.. SentNotices.Append(timer.Id).Where(scheduled.Contains)];
        return [fired];
    }

    private ReviewReminderDue ReviewReminder(ScheduledTimer timer, Actor by, DateTimeOffset now)
    {
        var round = OpenRound!;
        var step = round.CurrentStep!;
        return new ReviewReminderDue(now, by, timer.Id, round.Round, step.Step, step.Role, timer.Kind == TimerKind.ReviewOverdue);
    }
}
