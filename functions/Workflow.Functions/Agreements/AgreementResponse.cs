using Workflow.Core;

namespace Workflow.Functions.Agreements;

public sealed record DraftResponse(
    int Version, string DocumentId, string FileName, string ContentType, long Length, string Sha256, string? Note,
    DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>An agreement as the API shows it (DESIGN.md §4): its state, with its drafts, rounds and evaluations from its history.</summary>
public sealed record AgreementResponse(
    string Id,
    AgreementKind Kind,
    AgreementStatus Status,
    string InstitutionId,
    string RegionId,
    string PartnerId,
    string Title,
    string Purpose,
    IReadOnlyList<ScopeItem> Scope,
    int ValidityMonths,
    string? ParentAgreementId,
    string? RenewalOfId,
    string? RenewedById,
    string? PendingRenewalId,
    DateOnly? EffectiveFrom,
    DateOnly? ExpiresOn,
    bool Imported,
    Audiensi? Audiensi,
    IReadOnlyList<DraftResponse> Drafts,
    IReadOnlyList<ReviewRound> ReviewRounds,
    Signing? Signing,
    IReadOnlyList<ActionItemResponse> ActionPlan,
    IReadOnlyList<ProgressReport> Progress,
    IReadOnlyList<Evaluation> Evaluations,
    Termination? Termination,
    IReadOnlyList<ScheduledTimer> NextTimers,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<string> AllowedMoves)
{
    /// <param name="allowedMoves">What the caller may do to it now (<see cref="Auth.CallerMoves"/>).</param>
    public static AgreementResponse From(Agreement a, AgreementHistory history, int version, DateTimeOffset now, NoticePolicy policy, IReadOnlyList<string> allowedMoves) => new(
        a.Id, a.Kind, a.Status, a.InstitutionId, a.RegionId, a.PartnerId, a.Title, a.Purpose, a.Scope, a.ValidityMonths,
        a.ParentAgreementId, a.RenewalOfId, a.RenewedById, a.PendingRenewalId, a.EffectiveFrom, a.ExpiresOn, a.Signing?.Imported == true, a.Audiensi,
        history.Drafts.Select(d => new DraftResponse(d.Version, d.Document.DocumentId, d.Document.FileName, d.Document.ContentType,
            d.Document.Length, d.Document.Sha256, d.Note, d.UploadedAt, d.UploadedBy)).ToList(),
        history.ReviewRounds, a.Signing, [.. a.ActionPlan.Select(i => ActionItemResponse.From(i, a.Today(now)))], history.Progress, history.Evaluations, a.Termination,
        a.UpcomingTimers(now, policy), version, a.CreatedAt, a.CreatedBy, allowedMoves);
}

public sealed record DraftUploadResponse(int Version, string DocumentId, string Sha256);

/// <summary>An action-plan item with how it is going; <c>late</c> when its target date has passed unfinished, in the institution's time zone.</summary>
public sealed record ActionItemResponse(
    string Id, string Activity, string Owner, DateOnly? DueOn, string? Frequency, ActionItemStatus Status, bool PartnerOwned,
    int Reports, DateOnly? LastReportOn, bool Late)
{
    public static ActionItemResponse From(ActionItem i, DateOnly today) =>
        new(i.Id, i.Activity, i.Owner, i.DueOn, i.Frequency, i.Status, i.PartnerOwned, i.Reports, i.LastReportOn, i.IsLate(today));
}
