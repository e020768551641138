using Workflow.Core;

namespace Workflow.Orchestration;

/// <summary>
/// What one generation of an agreement's orchestration starts from. <paramref name="Since"/>: the app's time when the
/// previous generation last looked (null at the start): timers due before it are not the process's to fire any more
/// (an agreement imported years after its evaluations fell due gets no reminder for them).
/// </summary>
public sealed record LifecycleInput(string AgreementId, DateTimeOffset? Since = null);

/// <summary>
/// The agreement as its process sees it, read from the record at each look. <paramref name="Now"/> is the app's clock
/// (the settable one in Development and Testing); <paramref name="Next"/> the process's earliest timer not yet fired.
/// </summary>
public sealed record ProcessView(
    int Version,
    DateTimeOffset Now,
    bool Finished,
    AskOfficialInput? Ask,
    ScheduledTimer? Next,
    TimeSpan LookAgainAfter)
{
    /// <summary>
    /// What the process does next with the agreement: ask the official whose turn it is and who was not asked yet, and
    /// fire its earliest timer not yet fired that fell due after <paramref name="since"/> (at the start: after now).
    /// </summary>
    public static ProcessView Of(Agreement a, int version, DateTimeOffset now, DateTimeOffset? since, NoticePolicy policy, TimeSpan lookAgainAfter)
    {
        var ask = a.OpenRound is { CurrentStep: { AskedAt: null } step } round ? new AskOfficialInput(a.Id, round.Round, step.Step) : null;
        return new ProcessView(version, now, a.HasEnded, ask, a.NextProcessTimer(policy, since ?? now), lookAgainAfter);
    }

    /// <summary>The agreement is gone (never to be seen again): its process ends.</summary>
    public static ProcessView Gone(DateTimeOffset now) => new(0, now, Finished: true, null, null, TimeSpan.Zero);
}

/// <summary>The review step whose official is to be asked for a decision.</summary>
public sealed record AskOfficialInput(string AgreementId, int Round, int Step);

public sealed record FireTimerInput(string AgreementId, ScheduledTimer Timer);

/// <summary>What a waiting orchestration shows (its custom status): when it looked, and when it wakes next, in the app's time.</summary>
public sealed record LifecycleStatus(DateTimeOffset LookedAt, DateTimeOffset? NextAt, int Version);
