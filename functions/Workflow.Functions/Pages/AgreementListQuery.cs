using System.Runtime.CompilerServices;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;

namespace Workflow.Functions.Pages;

/// <summary>The list's filters read from the query string, and the agreements they select in the caller's scope.</summary>
public sealed record AgreementListQuery(
    AgreementFilter Filter, ProgramArea? Area, PartnerKind? PartnerKind, string? Search, bool EvaluationDue, bool LateReview, int? ExpiringWithin = null)
{
    /// <summary>What the filters and the pages look agreements up in.</summary>
    public sealed record Lookups(IReadOnlyDictionary<string, Partner> Partners, IReadOnlyDictionary<string, Institution> Institutions, AgreementDays Days, DateTimeOffset Now)
    {
        public static async Task<Lookups> ReadAsync(PageServices s, CancellationToken ct)
        {
            var institutions = (await s.Directory.ListInstitutionsAsync(ct)).ToDictionary(x => x.Id);
            var now = s.Clock.GetUtcNow();
            return new Lookups((await s.Directory.ListPartnersAsync([Directory.ContactScope.Everyone], ct)).ToDictionary(x => x.Id), institutions,
                new AgreementDays(institutions, now), now);
        }
    }

    public static AgreementListQuery From(HttpContext http)
    {
        var q = http.Request.Query;
        static string? Value(Microsoft.Extensions.Primitives.StringValues v) => string.IsNullOrWhiteSpace(v) ? null : v.ToString();
        var filter = AgreementQueries.Scope(
            AgreementQueries.Parse(Value(q["institutionId"]), Value(q["partnerId"]), Value(q["regionId"]), Value(q["status"]), Value(q["expiresBefore"])),
            PageContext.From(http).Caller);
        return new AgreementListQuery(
            filter,
            Enum.TryParse<ProgramArea>(q["area"], out var a) && Enum.IsDefined(a) ? a : null,
            Enum.TryParse<PartnerKind>(q["partnerKind"], out var k) && Enum.IsDefined(k) ? k : null,
            Value(q["q"])?.Trim(),
            q["evaluationDue"] == "1",
            q["lateReview"] == "1",
            int.TryParse(q["expiringWithin"], out var within) && within is >= 0 and <= 3_660 ? within : null);
    }

    /// <summary>Every agreement the filters select, one at a time: lists, counts and reports see the whole set at any size.</summary>
    public async IAsyncEnumerable<AgreementSummary> MatchesAsync(PageServices s, Lookups look, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var i in s.Queries.AllAsync(Filter, ct))
            if (Matches(i, look)) yield return i;
    }

    private bool Matches(AgreementSummary i, Lookups look) =>
        (Area is null || i.Areas.Contains(Area.Value))
        && (PartnerKind is null || (look.Partners.TryGetValue(i.PartnerId, out var partner) && partner.Kind == PartnerKind))
        && (!EvaluationDue || look.Days.EvaluationDue(i))
        && (ExpiringWithin is not { } within || look.Days.ExpiringWithin(i, within))
        && (!LateReview || (i.Status == AgreementStatus.InReview && i.ReviewDueAt < look.Now))
        && (string.IsNullOrEmpty(Search) || i.Title.Contains(Search, StringComparison.OrdinalIgnoreCase)
            || (look.Partners.TryGetValue(i.PartnerId, out var named) && named.Name.Contains(Search, StringComparison.OrdinalIgnoreCase)));
}
