using Microsoft.AspNetCore.Components;
using Workflow.Core;
using Workflow.Functions.Approvals.Views;
using Workflow.Functions.Directory;
using static Workflow.Functions.Hosting.Formats;
using static Workflow.Functions.Pages.Bilingual;

namespace Workflow.Functions.Approvals;

/// <summary>A page an approval link opens: its component and the values it shows.</summary>
public sealed record ApprovalPage(Type Component, IReadOnlyDictionary<string, object?> Parameters)
{
    public static ApprovalPage Of<TComponent>(IReadOnlyDictionary<string, object?> parameters) where TComponent : IComponent => new(typeof(TComponent), parameters);
}

/// <summary>The pages an official sees from an approval link. Bahasa Indonesia first, English in smaller type; no script, no remote asset.</summary>
public static class ApprovalPages
{
    public static ApprovalPage Invalid() => Message("Invalid");

    public static ApprovalPage Expired(ApprovalGrant grant) => Message("Expired", DateId(DateOnly.FromDateTime(grant.ExpiresAt.UtcDateTime)));

    public static ApprovalPage NotFound() => Message("NotFound");

    public static ApprovalPage OldRound(Agreement a, ReviewStep step, int latestRound) => Message(
        "OldRound", a.Title, latestRound, step.Decision is { } d ? Id("Approval.OldRound.Kept", Id($"Decision.{d}")) : "");

    public static ApprovalPage RoundClosed(Agreement a, ReviewRound round) => Message("RoundClosed", round.Round, a.Title, Outcome(round.Outcome));

    public static ApprovalPage NotYourTurn(ReviewStep current) => Message("NotYourTurn", current.Name);

    public static ApprovalPage FormExpired() => Message("FormExpired");

    public static ApprovalPage Decided(Agreement a, ReviewStep step, bool justNow) => ApprovalPage.Of<ApprovalDecided>(new Dictionary<string, object?>
    {
        [nameof(ApprovalDecided.Agreement)] = a, [nameof(ApprovalDecided.Step)] = step, [nameof(ApprovalDecided.JustNow)] = justNow,
    });

    public static ApprovalPage Form(
        Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, DateTimeOffset deadline,
        string draftUrl, string antiforgeryName, string antiforgeryToken, string? comment, string? error) => ApprovalPage.Of<ApprovalForm>(new Dictionary<string, object?>
    {
        [nameof(ApprovalForm.Agreement)] = a, [nameof(ApprovalForm.Institution)] = institution, [nameof(ApprovalForm.Partner)] = partner,
        [nameof(ApprovalForm.Round)] = round, [nameof(ApprovalForm.Step)] = step, [nameof(ApprovalForm.Deadline)] = deadline,
        [nameof(ApprovalForm.DraftUrl)] = draftUrl, [nameof(ApprovalForm.AntiforgeryName)] = antiforgeryName,
        [nameof(ApprovalForm.AntiforgeryToken)] = antiforgeryToken, [nameof(ApprovalForm.Comment)] = comment, [nameof(ApprovalForm.Error)] = error,
    });

    private static string Outcome(ReviewRoundOutcome outcome) => Id($"Approval.Outcome.{outcome}");

    /// <summary>A message page: its title and text in Bahasa Indonesia (<c>Approval.{name}.Title</c>, <c>.Text</c>), the text in English below.</summary>
    private static ApprovalPage Message(string name, params object?[] args) => ApprovalPage.Of<ApprovalMessage>(new Dictionary<string, object?>
    {
        [nameof(ApprovalMessage.Title)] = Id($"Approval.{name}.Title"),
        [nameof(ApprovalMessage.Text)] = Id($"Approval.{name}.Text", args),
        [nameof(ApprovalMessage.English)] = En($"Approval.{name}.Text", args),
    });
}
