using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Pages;

/// <summary>
/// A signing event: several approved agreements signed on one date at one place (the seeds show 8 and 10 partners
/// on one day). Each agreement gets its own signed PDF and its own signing command; one refusal does not undo the others.
/// </summary>
public static class SigningEventPage
{
    public static async Task<IResult> ShowAsync(HttpContext http, PageServices s, CancellationToken ct,
        FormState? state = null, IReadOnlyDictionary<string, string>? rowErrors = null, IReadOnlyList<string>? signed = null, int status = 200)
    {
        var p = PageContext.From(http);
        var approved = new List<AgreementSummary>();
        await foreach (var i in s.Queries.AllAsync(AgreementQueries.Scope(new AgreementFilter(null, null, null, AgreementStatus.Approved, null), p.Caller), ct))
            if (p.Caller.CanWrite(i.InstitutionId, i.RegionId)) approved.Add(i);
        approved.Sort((x, y) => StringComparer.OrdinalIgnoreCase.Compare(x.Title, y.Title));
        var partners = (await s.Directory.ListPartnersAsync(Directory.PartnersApi.ReadScopes(p.Caller), ct)).ToDictionary(x => x.Id);
        var institutions = (await s.Directory.ListInstitutionsAsync(ct)).ToDictionary(x => x.Id);
        return PageLayout.View<Views.SigningEventView>(http, new Dictionary<string, object?>
        {
            ["Page"] = p, ["State"] = state ?? FormState.Empty, ["RowErrors"] = rowErrors ?? new Dictionary<string, string>(), ["Signed"] = signed ?? [],
            ["Rows"] = approved.Select(a => new Views.SigningEventView.Row(a, institutions.GetValueOrDefault(a.InstitutionId), partners.GetValueOrDefault(a.PartnerId))).ToList(),
        }, status);
    }

    public static async Task<IResult> SignAsync(HttpContext http, PageServices s, DocumentStore documents, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!caller.MayWriteAnywhere) throw new ForbiddenException("Peran Anda tidak dapat mencatat penandatanganan.");
        var upload = new MultipartUpload();
        try
        {
            await MultipartUpload.ReadAsync(http.Request, async (part, fileName, stream) =>
            {
                var id = Ids.Route(part["file-".Length..]);
                caller.EnsureCanWrite((await s.Store.GetForCommandAsync(id, ct)).Agreement);
                return await documents.SaveAsync(id, fileName, stream, FileKinds.SignedCopies, ct);
            }, fileRequired: false, ct, upload, name => name.StartsWith("file-", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is DomainValidationException or UnsupportedMediaTypeException or PayloadTooLargeException or ForbiddenException or NotFoundException)
        {
            await DeleteAllAsync(upload, documents);
            var errors = e is DomainValidationException v ? v.Errors : new Dictionary<string, string[]> { ["file"] = [e.Message + " Pilih berkas lagi."] };
            return await ShowAsync(http, s, ct, new FormState("event", FormRows.Flatten(upload.Fields), errors), status: 400);
        }

        var values = FormRows.Flatten(upload.Fields);
        var included = values.Where(v => v.Key.StartsWith("include-", StringComparison.Ordinal) && v.Value == "1").Select(v => v.Key["include-".Length..]).ToList();
        var witnesses = FormRows.Read(values, "witnesses", ["name", "position", "organization"]).Select(r => new PersonInput(r["name"], r["position"], r["organization"])).ToList();
        var signed = new List<string>();
        var rowErrors = new Dictionary<string, string>();
        IReadOnlyDictionary<string, string[]>? shared = null;
        foreach (var id in included)
        {
            if (!upload.Files.TryGetValue($"file-{id}", out var document)) { rowErrors[id] = "Wajib melampirkan naskah yang ditandatangani."; continue; }
            var signatories = FormRows.Read(values, $"signatories-{id}", ["name", "position", "organization"]).Select(r => new PersonInput(r["name"], r["position"], r["organization"])).ToList();
            try
            {
                // One request per agreement signed: the shared fields, and this agreement's file.
                var context = CommandContext.ForUser(http, "page-signing-event", id, $"{UploadCommand.RequestText(upload)}\n{document.Sha256}",
                    wantsAnswer: false, key: upload.Field(FormKey.Field));
                var response = await s.Engine.ExecuteAsync(Ids.Route(id), context,
                    (a, now) => Change.Of(a.Sign(new SigningInput(upload.Date("signedOn"), upload.Field("place"), upload.Date("effectiveFrom"), signatories, witnesses), document, context.Actor, now)), ct);
                signed.Add(id);
                if (!response.Replayed) upload.Files.Remove($"file-{id}"); // a replay's file is a copy: removed with the others
            }
            catch (DomainValidationException e)
            {
                // Date and place are shared: their errors belong to the form, the rest to the agreement's row.
                shared ??= e.Errors.Where(x => !x.Key.StartsWith("signatories", StringComparison.Ordinal)).ToDictionary(x => x.Key, x => x.Value);
                rowErrors[id] = string.Join(" ", e.Errors.Where(x => x.Key.StartsWith("signatories", StringComparison.Ordinal)).SelectMany(x => x.Value).DefaultIfEmpty("Periksa tanggal dan tempat."));
            }
            catch (Exception e) when (e is InvalidMoveException or ConcurrencyConflictException or ForbiddenException or NotFoundException)
            {
                rowErrors[id] = e.Message;
            }
        }
        await DeleteAllAsync(upload, documents); // files of agreements not signed
        var failed = rowErrors.Count > 0 || included.Count == 0;
        if (included.Count == 0) shared = new Dictionary<string, string[]> { ["include"] = ["Pilih paling sedikit satu perjanjian."] };
        return await ShowAsync(http, s, ct, failed ? new FormState("event", values, shared ?? new Dictionary<string, string[]>()) : null, rowErrors, signed, failed ? 400 : 200);
    }

    private static async Task DeleteAllAsync(MultipartUpload upload, DocumentStore documents)
    {
        foreach (var (part, document) in upload.Files) await documents.DeleteAsync(part["file-".Length..], document);
    }
}
