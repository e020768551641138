using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Hosting;
using static Workflow.Functions.Hosting.Html;

namespace Workflow.Functions.Pages;

/// <summary>A new agreement, from an audiensi (its date, place, attendees and notes) or directly as a draft.</summary>
public static class NewAgreementPage
{
    public const int ScopeRows = 3, AttendeeRows = 6;

    private static readonly (string, string[])[] Lists =
        [("scope", ["area", "description"]), ("audiensi.attendees", ["name", "position", "organization"])];

    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct, FormState? state = null, int status = 200)
    {
        var p = PageContext.From(http);
        var f = state ?? FormState.Empty;
        var institutions = (await s.Directory.ListInstitutionsAsync(ct))
            .Where(i => i.Kind != InstitutionKind.Kanwil && p.Caller.CanWrite(i.Id, i.RegionId)).OrderBy(i => i.Name).ToList();
        var partners = (await s.Directory.ListPartnersAsync(Directory.PartnersApi.ReadScopes(p.Caller), ct)).OrderBy(x => x.Name).ToList();
        var areas = Enum.GetValues<ProgramArea>().Select(a => (a.ToString(), p.Area(a)));
        var shown = new List<string> { "institutionId", "partnerId", "kind", "title", "purpose", "validityMonths", "parentAgreementId", "scope", "audiensi.date", "audiensi.place", "audiensi.notes", "audiensi.attendees" };
        shown.AddRange(Enumerable.Range(0, ScopeRows).SelectMany(i => new[] { $"scope[{i}]", $"scope[{i}].area", $"scope[{i}].description" }));
        shown.AddRange(AgreementForms.PeopleFields("audiensi.attendees", AttendeeRows));
        var body = $"""
            <form class="command" method="post" action="/app/perjanjian/baru">
              {FormKey.Input()}
              {f.Summary(shown)}
              {f.Select("institutionId", p.T("Lembaga (pihak kesatu)", "Institution (first party)"), institutions.Select(i => (i.Id, i.Name)), p.Caller.InstitutionId, true)}
              {f.Select("partnerId", p.T("Mitra (pihak kedua)", "Partner (second party)"), partners.Select(x => (x.Id, x.Name)), required: true, empty: "-")}
              {f.Select("kind", p.T("Jenis", "Kind"), Enum.GetValues<AgreementKind>().Select(k => (k.ToString(), p.Kind(k))), "Pks", true)}
              {f.Input("title", p.T("Judul", "Title"), required: true)}
              {f.TextArea("purpose", p.T("Maksud dan tujuan", "Purpose"), required: true)}
              {string.Concat(Enumerable.Range(0, ScopeRows).Select(i => $"""
                <fieldset><legend>{E(p.T("Ruang lingkup", "Scope"))} {i + 1}</legend>
                  {f.Select($"scope[{i}].area", p.T("Bidang", "Area"), areas, empty: "-")}
                  {f.Input($"scope[{i}].description", p.T("Uraian", "Description"))}
                </fieldset>
                """))}
              {f.Input("validityMonths", p.T("Masa berlaku (bulan, 12–60)", "Validity (months, 12–60)"), "number", "24", true, "min=\"12\" max=\"60\"")}
              {f.Input("parentAgreementId", p.T("Perjanjian induk (id MoU, bila ada)", "Parent agreement (MoU id, if any)"))}
              <strong>{E(p.T("Audiensi (kosongkan bila langsung menyusun draf)", "First meeting (leave empty to start with a draft)"))}</strong>
              {f.Input("audiensi.date", p.T("Tanggal", "Date"), "date")}
              {f.Input("audiensi.place", p.T("Tempat", "Place"))}
              {string.Concat(Enumerable.Range(0, AttendeeRows).Select(i => $"""
                <fieldset><legend>{E(p.T("Peserta", "Attendee"))} {i + 1}</legend>
                  {f.Input($"audiensi.attendees[{i}].name", p.T("Nama", "Name"))}
                  {f.Input($"audiensi.attendees[{i}].position", p.T("Jabatan", "Position"))}
                  {f.Input($"audiensi.attendees[{i}].organization", p.T("Instansi", "Organization"))}
                </fieldset>
                """))}
              {f.TextArea("audiensi.notes", p.T("Catatan audiensi", "Meeting notes"))}
              <div><button type="submit" class="primary">{E(p.T("Simpan", "Save"))}</button></div>
            </form>
            """;
        return PageLayout.Page(http, p, p.T("Perjanjian baru", "New agreement"), body, status);
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
