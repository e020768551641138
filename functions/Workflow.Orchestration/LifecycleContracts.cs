using System.Text.Json;
using Workflow.Core;

namespace Workflow.Orchestration;

/// <summary>
/// What one generation of an agreement's orchestration starts from. <paramref name="Since"/>: the app's time when the
/// previous generation last looked (null at the start): timers due before it are not the process's to fire any more
/// (an agreement imported years after its evaluations fell due gets no reminder for them). <paramref name="Ask"/>: the step
/// whose official the signal that woke it said was waiting to be asked, so it asks at once instead of reading first (a
/// hint: the ask is checked against the record, and asks nobody twice).
/// </summary>
public sealed record LifecycleInput(string AgreementId, DateTimeOffset? Since = null, StepToAsk? Ask = null);

/// <summary>
/// The agreement as its process sees it, read from the record at each look. <paramref name="Now"/> is the app's clock
/// (the settable one in Development and Testing); <paramref name="Next"/> the process's earliest timer not yet fired.
/// </summary>
public sealed record ProcessView(
    int Version,
    DateTimeOffset Now,
    bool Finished,
    StepToAsk? Ask,
    ScheduledTimer? Next,
    TimeSpan LookAgainAfter)
{
    /// <summary>
    /// What the process does next with the agreement: ask the official whose turn it is and who was not asked yet, and
    /// fire its earliest timer not yet fired that fell due after <paramref name="since"/> (at the start: after now).
    /// </summary>
    public static ProcessView Of(Agreement a, int version, DateTimeOffset now, DateTimeOffset? since, NoticePolicy policy, TimeSpan lookAgainAfter)
    {
        return new ProcessView(version, now, a.HasEnded, StepToAsk.Of(a), a.NextProcessTimer(policy, since ?? now), lookAgainAfter);
    }

    /// <summary>The agreement is gone (never to be seen again): its process ends.</summary>
    public static ProcessView Gone(DateTimeOffset now) => new(0, now, Finished: true, null, null, TimeSpan.Zero);
}

/// <summary>The review step whose official is to be asked for a decision.</summary>
public sealed record StepToAsk(int Round, int Step)
{
    /// <summary>The step now waiting whose official was not asked yet; null when there is none.</summary>
    public static StepToAsk? Of(Agreement a) =>
        a.OpenRound is { CurrentStep: { AskedAt: null } step } round ? new StepToAsk(round.Round, step.Step) : null;
}

/// <summary>Ask the official of that step; the answer is the agreement as the process then sees it (<paramref name="Look"/>).</summary>
public sealed record AskOfficialInput(LifecycleInput Look, StepToAsk Step);

/// <summary>Fire that timer; the answer is the agreement as the process then sees it.</summary>
public sealed record FireTimerInput(LifecycleInput Look, ScheduledTimer Timer);

/// <summary>
/// What a waiting orchestration shows (its custom status): when it looked and at which version of its agreement, and
/// when it wakes next, in the app's time.
/// </summary>
public sealed record LifecycleStatus(DateTimeOffset LookedAt, DateTimeOffset? NextAt, int Version)
{
    /// <summary>The custom status as the task hub keeps it (JSON); null when there is none yet, or it is not this.</summary>
    public static LifecycleStatus? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonSerializer.Deserialize<LifecycleStatus>(json, JsonSerializerOptions.Web); }
        catch (JsonException) { return null; }
    }
}
