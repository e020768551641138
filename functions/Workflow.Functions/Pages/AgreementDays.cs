using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;

namespace Workflow.Functions.Pages;

/// <summary>
/// "Today" for each agreement: the date in its institution's time zone (WIB, WITA, WIT), so a Kanwil's or an admin's
/// dashboard spanning zones counts each agreement by its own day, as its timers fall.
/// </summary>
public sealed class AgreementDays(IReadOnlyDictionary<string, Institution> institutions, DateTimeOffset now)
{
    /// <summary>Where an institution is unknown (removed from the directory), the capital's zone.</summary>
    private const string FallbackZone = "Asia/Jakarta";

    public DateOnly Today(AgreementSummary a) => DateOf(a, now);

    /// <summary>The date an instant falls on where the agreement's institution is.</summary>
    public DateOnly DateOf(AgreementSummary a, DateTimeOffset at) => InstitutionTime.Today(Zone(a), at);

    private string Zone(AgreementSummary a) =>
        institutions.TryGetValue(a.InstitutionId, out var i) && InstitutionTime.IsKnown(i.TimeZone) ? i.TimeZone : FallbackZone;

    public bool EvaluationDue(AgreementSummary a) => a.EvaluationDueOn <= Today(a);

    /// <summary>An item of its action plan is late: its target date has passed unfinished.</summary>
    public bool ItemsLate(AgreementSummary a) => a.ItemDueOn < Today(a);

    public bool ExpiringWithin(AgreementSummary a, int days) => a.Status == AgreementStatus.Active && a.ExpiresOn <= Today(a).AddDays(days);
}
