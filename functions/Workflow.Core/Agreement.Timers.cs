namespace Workflow.Core;

public enum TimerKind { ReviewReminder, ReviewOverdue, EvaluationDue, EvaluationOverdue, RenewalNotice, Expiry, TerminationEffective }

public sealed record ScheduledTimer(TimerKind Kind, DateOnly DueOn, DateTimeOffset DueAt, string Detail)
{
    /// <summary>Names the notice: the same timer always has the same id, so it is sent at most once.</summary>
    public string Id => $"{Kind}:{DueOn:yyyy-MM-dd}:{Detail}";

    /// <summary>A notice of the agreement's end (renewal notices, the expiry, a scheduled termination): sent by date, for every agreement due that day.</summary>
    public bool IsEndNotice => Kind is TimerKind.RenewalNotice or TimerKind.Expiry or TimerKind.TerminationEffective;
}

/// <summary>When notices go out. Dated notices are sent at <see cref="LocalTime"/> in the institution's time zone.</summary>
public sealed record NoticePolicy(IReadOnlyList<int> RenewalNoticeDays, int EvaluationIntervalMonths, int EvaluationOverdueDays, TimeOnly LocalTime)
{
    public static readonly NoticePolicy Default = new([90, 60, 30, 7, 0], 6, 14, new TimeOnly(8, 0));
}

public sealed partial class Agreement
{
    /// <summary>
    /// The timers this agreement still has ahead of it. Nothing is listed for a day already past,
    /// so an imported or late-recorded agreement never gets a notice for a day it has missed.
    /// </summary>
    public IReadOnlyList<ScheduledTimer> UpcomingTimers(DateTimeOffset now, NoticePolicy policy) =>
        Schedule(policy).Where(t => t.DueAt >= now && t.DueOn >= Today(now) && !SentNotices.Contains(t.Id)).OrderBy(t => t.DueAt).ToList();

    /// <summary>
    /// The agreement's own process's next timer not yet fired (a review reminder or escalation, an evaluation reminder),
    /// due after <paramref name="since"/>; the notices of its end are sent by date for all agreements at once.
    /// </summary>
    public ScheduledTimer? NextProcessTimer(NoticePolicy policy, DateTimeOffset since) =>
        Schedule(policy).Where(t => !t.IsEndNotice && t.DueAt > since && !SentNotices.Contains(t.Id)).OrderBy(t => t.DueAt).FirstOrDefault();

    /// <summary>Every timer the agreement's current state calls for, past or future.</summary>
    public IReadOnlyList<ScheduledTimer> Schedule(NoticePolicy policy)
    {
        var timers = new List<ScheduledTimer>();
        if (OpenRound is { CurrentStep: { } step } round && round.CurrentStepStartedAt(step) is { } started)
        {
            Add(timers, TimerKind.ReviewReminder, started.AddDays(step.DaysAllowed / 2.0), $"round {round.Round} step {step.Step}");
            Add(timers, TimerKind.ReviewOverdue, started.AddDays(step.DaysAllowed), $"round {round.Round} step {step.Step}");
        }
        if (ScheduledTermination is { } termination && EffectiveFrom is { } effectiveFrom)
        {
            // It ends on the termination's day: evaluations up to then, no renewal notice, no expiry.
            AddEvaluationTimers(timers, effectiveFrom, termination.EffectiveOn, policy);
            AddDated(timers, TimerKind.TerminationEffective, termination.EffectiveOn, policy, "termination");
        }
        else if (Status == AgreementStatus.Active && EffectiveFrom is { } from && ExpiresOn is { } expires)
        {
            AddEvaluationTimers(timers, from, expires, policy);
            foreach (var days in policy.RenewalNoticeDays.Where(d => d > 0).OrderDescending())
                AddDated(timers, TimerKind.RenewalNotice, expires.AddDays(-days), policy, $"{days} days before expiry");
            AddDated(timers, TimerKind.Expiry, expires, policy, "expiry");
        }
        return timers;
    }

    private void AddEvaluationTimers(List<ScheduledTimer> timers, DateOnly from, DateOnly expires, NoticePolicy policy)
    {
        var lastCovered = EvaluatedThrough ?? DateOnly.MinValue;
        for (var k = 1; ; k++)
        {
            var due = from.AddMonths(k * policy.EvaluationIntervalMonths);
            if (due >= expires) break;
            if (due <= lastCovered) continue;
            AddDated(timers, TimerKind.EvaluationDue, due, policy, $"evaluation {k}");
            if (due.AddDays(policy.EvaluationOverdueDays) < expires)
                AddDated(timers, TimerKind.EvaluationOverdue, due.AddDays(policy.EvaluationOverdueDays), policy, $"evaluation {k}");
        }
    }

    private void AddDated(List<ScheduledTimer> timers, TimerKind kind, DateOnly day, NoticePolicy policy, string detail) =>
        timers.Add(new ScheduledTimer(kind, day, InstitutionTime.At(TimeZone, day, policy.LocalTime), detail));

    private void Add(List<ScheduledTimer> timers, TimerKind kind, DateTimeOffset at, string detail) =>
        timers.Add(new ScheduledTimer(kind, InstitutionTime.Today(TimeZone, at), at, detail));
}
