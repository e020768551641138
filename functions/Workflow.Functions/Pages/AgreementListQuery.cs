using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;

namespace Workflow.Functions.Pages;

/// <summary>The list's filters read from the query string, and the agreements they select in the caller's scope.</summary>
public sealed record AgreementListQuery(
    AgreementFilter Filter, ProgramArea? Area, PartnerKind? PartnerKind, string? Search, bool EvaluationDue, bool LateReview, int? ExpiringWithin = null)
{
    public sealed record Result(
        IReadOnlyList<AgreementSummary> Rows, IReadOnlyDictionary<string, Partner> Partners, IReadOnlyDictionary<string, Institution> Institutions);

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

    public async Task<Result> RunAsync(PageServices s, CancellationToken ct)
    {
        var partners = (await s.Directory.ListPartnersAsync([Directory.ContactScope.Everyone], ct)).ToDictionary(x => x.Id);
        var institutions = (await s.Directory.ListInstitutionsAsync(ct)).ToDictionary(x => x.Id);
        var now = s.Clock.GetUtcNow();
        var days = new AgreementDays(institutions, now);
        var rows = (await s.Queries.ListAsync(Filter, ct)).Items
            .Where(i => Area is null || i.Areas.Contains(Area.Value))
            .Where(i => PartnerKind is null || (partners.TryGetValue(i.PartnerId, out var partner) && partner.Kind == PartnerKind))
            .Where(i => !EvaluationDue || days.EvaluationDue(i))
            .Where(i => ExpiringWithin is not { } within || days.ExpiringWithin(i, within))
            .Where(i => !LateReview || (i.Status == AgreementStatus.InReview && i.ReviewDueAt < now))
            .Where(i => string.IsNullOrEmpty(Search) || i.Title.Contains(Search, StringComparison.OrdinalIgnoreCase)
                || (partners.TryGetValue(i.PartnerId, out var partner) && partner.Name.Contains(Search, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new Result(rows, partners, institutions);
    }
}
