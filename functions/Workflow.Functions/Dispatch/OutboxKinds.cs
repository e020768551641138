namespace Workflow.Functions.Dispatch;

/// <summary>What an outbox row asks the dispatcher to do.</summary>
public static class OutboxKinds
{
    /// <summary>Refresh the list projections. Payload: <see cref="ProjectPayload"/>.</summary>
    public const string Project = "Project";
    /// <summary>Create the renewal agreement if the API did not get to it. Payload: <see cref="CreateRenewalPayload"/>.</summary>
    public const string CreateRenewal = "CreateRenewal";
    /// <summary>The renewal was signed: mark the agreement it renews. Payload: <see cref="MarkRenewedPayload"/>.</summary>
    public const string MarkRenewed = "MarkRenewed";
    /// <summary>Write the agreement's upcoming timers from its current state. No payload.</summary>
    public const string ScheduleTimers = "ScheduleTimers";
    /// <summary>Send an email. Payload: <see cref="Email.EmailPayload"/>.</summary>
    public const string Email = "Email";
    /// <summary>Start the agreement's orchestration (it lives until the agreement ends). No payload.</summary>
    public const string StartProcess = "StartProcess";
    /// <summary>Tell the agreement's orchestration of a change (see <see cref="ProcessPlanner"/>). No payload.</summary>
    public const string SignalProcess = "SignalProcess";
}

/// <summary>Where the agreement was listed before the change, so stale list rows can be removed.</summary>
public sealed record ProjectPayload(string? PreviousStatus, string? PreviousExpiresOn);

public sealed record CreateRenewalPayload(string RenewalId, Workflow.Core.NewAgreement Seed, Workflow.Core.Actor By, DateTimeOffset At);

public sealed record MarkRenewedPayload(string RenewedAgreementId, string RenewalId);
