using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Pages;

/// <summary>A new agreement, from an audiensi (its date, place, attendees and notes) or directly as a draft.</summary>
public static class NewAgreementPage
{
    private static readonly (string, string[])[] Lists =
        [("scope", ["area", "description"]), ("audiensi.attendees", ["name", "position", "organization"])];

    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct, FormState? state = null, int status = 200)
    {
        var p = PageContext.From(http);
        var institutions = (await s.Directory.ListInstitutionsAsync(ct))
            .Where(i => i.Kind != InstitutionKind.Kanwil && p.Caller.CanWrite(i.Id, i.RegionId)).OrderBy(i => i.Name).ToList();
        var partners = (await s.Directory.ListPartnersAsync(Directory.PartnersApi.ReadScopes(p.Caller), ct)).OrderBy(x => x.Name).ToList();
        return PageLayout.View<Views.NewAgreementView>(http, new Dictionary<string, object?>
        {
            ["Page"] = p, ["State"] = state ?? FormState.Empty, ["Institutions"] = institutions, ["Partners"] = partners,
        }, status);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, PageServices s, CancellationToken ct)
    {
        if (!http.Caller().MayWriteAnywhere) throw new ForbiddenException("Peran Anda tidak dapat membuat perjanjian.");
        var values = FormRows.Flatten(await http.Request.ReadFormAsync(ct));
        try
        {
            var scope = FormRows.Read(values, "scope", ["area", "description"])
                .Select(r => new ScopeInput(Enum.TryParse<ProgramArea>(r["area"], out var a) && Enum.IsDefined(a) ? a : null, r["description"])).ToList();
            var attendees = FormRows.Read(values, "audiensi.attendees", ["name", "position", "organization"])
                .Select(r => new PersonInput(r["name"], r["position"], r["organization"])).ToList();
            var hasAudiensi = attendees.Count > 0 || !string.IsNullOrWhiteSpace(values.GetValueOrDefault("audiensi.date")) || !string.IsNullOrWhiteSpace(values.GetValueOrDefault("audiensi.place"));
            var body = new CreateAgreementRequest(
                values.GetValueOrDefault("institutionId"), values.GetValueOrDefault("partnerId"),
                Enum.TryParse<AgreementKind>(values.GetValueOrDefault("kind"), out var kind) && Enum.IsDefined(kind) ? kind : null,
                values.GetValueOrDefault("title"), values.GetValueOrDefault("purpose"), scope,
                int.TryParse(values.GetValueOrDefault("validityMonths"), out var months) ? months : null,
                string.IsNullOrWhiteSpace(values.GetValueOrDefault("parentAgreementId")) ? null : values["parentAgreementId"].Trim(),
                hasAudiensi ? new AudiensiInput(Date(values.GetValueOrDefault("audiensi.date")), values.GetValueOrDefault("audiensi.place"), attendees, values.GetValueOrDefault("audiensi.notes")) : null);
            var context = CommandContext.ForUser(http, "page-create", "", body, wantsAnswer: false, key: values.GetValueOrDefault(FormKey.Field));
            var id = context.NewAgreementId();
            var input = await s.Resolver.ResolveAsync(body, Auth.CallerExtensions.Caller(http), null, ct);
            await s.Engine.CreateAsync(id, context, now => Agreement.Create(id, input, context.Actor, now), ct);
            return TypedResults.Redirect($"/app/perjanjian/{id}");
        }
        catch (DomainValidationException e)
        {
            return await ShowAsync(http, s, ct, new FormState("create", FormRows.Compact(values, Lists), e.Errors), 400);
        }
    }

    private static DateOnly? Date(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d) ? d : throw DomainValidationException.For("audiensi.date", "Tanggal harus berformat yyyy-MM-dd.");
}
