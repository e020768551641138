using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Approvals;
using Workflow.Functions.Approvals.Views;
using Workflow.Functions.Directory;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;
using static Workflow.Functions.Pages.Bilingual;

namespace Workflow.Functions.Partners;

/// <summary>
/// The partner's page (<c>/mitra/{token}</c>): the agreement's status, documents, action plan and dates, and a form to
/// report progress on the items the partner owns. The token is the partner's authority (no account); it reaches its own
/// agreement only. GET changes nothing; a revoked, replaced, expired or forged link gets a page saying so.
/// </summary>
public static class PartnerPages
{
    private sealed record Open(PartnerGrant Grant, StoredAgreement Stored, Institution Institution, Partner Partner);

    public static IEndpointRouteBuilder MapPartnerPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mitra").WithTags("Partner pages").ExcludeFromDescription().AllowAnonymous();
        group.MapMethods("/{token}", ["GET", "HEAD"], Show);
        // The token in the URL is a secret no other site knows: it is what keeps a forged form out.
        group.MapPost("/{token}", Report).DisableAntiforgery().WithUploadLimit(app, Agreement.MaxEvidenceFiles);
        group.MapGet("/{token}/dokumen/{documentId}", Document);
        return app;
    }

    private static async Task<IResult> Show(string token, HttpContext http, PartnerPageServices s, CancellationToken ct)
    {
        var (open, refusal) = await ResolveAsync(token, http, s, ct);
        return open is null ? refusal! : await PageAsync(http, s, token, open, null, 200, ct);
    }

    private static async Task<IResult> Report(string token, HttpContext http, PartnerPageServices s, CancellationToken ct)
    {
        // Whether the link holds is decided before a byte of the form is read.
        var (open, refusal) = await ResolveAsync(token, http, s, ct);
        if (open is null) return refusal!;
        var id = open.Stored.Agreement.Id;
        var partner = new Actor(open.Partner.ContactEmail, open.Partner.ContactName, http.Connection.RemoteIpAddress?.ToString());
        var form = new MultipartUpload { ManyFiles = ("files", Agreement.MaxEvidenceFiles) };
        try
        {
            await s.Upload.RunAsync(http.Request, id, FileKinds.ProgressEvidence, fileRequired: false, f =>
                s.Engine.ExecuteAsync(id, new CommandContext(partner, _ => { }, null, WantsAnswer: false), (a, now) => Change.Of(a.ReportProgress(
                    f.Field("itemId") ?? "", Pages.AgreementFormHandlers.Progress(f), f.Many, partner, now, viaPartnerLink: true)), ct), ct, form);
        }
        catch (DomainValidationException e)
        {
            return await PageAsync(http, s, token, open, string.Join(" ", e.Errors.Values.SelectMany(v => v)), 400, ct);
        }
        catch (Exception e) when (e is UnsupportedMediaTypeException or PayloadTooLargeException or InvalidMoveException or ConcurrencyConflictException)
        {
            var status = e switch { UnsupportedMediaTypeException => 415, PayloadTooLargeException => 413, _ => 409 };
            return await PageAsync(http, s, token, open, e.Message, status, ct);
        }
        return TypedResults.Redirect($"/mitra/{token}#kemajuan");
    }

    private static async Task<IResult> Document(string token, string documentId, HttpContext http, PartnerPageServices s, CancellationToken ct)
    {
        var (open, refusal) = await ResolveAsync(token, http, s, ct);
        if (open is null) return refusal!;
        LinkPageHeaders.Protect(http);
        try { return await AgreementDocuments.DownloadAsync(http, open.Stored, documentId, s.Store, s.Documents, ct); }
        catch (Exception e) when (e is NotFoundException or DomainValidationException) { return Message(http, 404, "NotFound"); }
    }

    private static async Task<(Open? Open, IResult? Refusal)> ResolveAsync(string token, HttpContext http, PartnerPageServices s, CancellationToken ct)
    {
        var (check, grant) = s.Links.Verify(token);
        if (check == TokenCheck.Invalid) return (null, Message(http, 400, "Invalid"));
        if (check == TokenCheck.Expired) return (null, Message(http, 410, "Expired", Formats.DateId(DateOnly.FromDateTime(grant!.ExpiresAt.UtcDateTime))));
        var stored = await s.Store.LoadAsync(grant!.AgreementId, ct);
        if (stored is null) return (null, Message(http, 404, "NotFound"));
        if (!stored.Agreement.PartnerLinkValid(grant.LinkId, s.Clock.GetUtcNow())) return (null, Message(http, 410, "Revoked"));
        var institution = await s.Directory.FindInstitutionAsync(stored.Agreement.InstitutionId, ct);
        var partner = await s.Directory.FindPartnerAsync(stored.Agreement, ct);
        if (institution is null || partner is null) return (null, Message(http, 404, "NotFound"));
        return (new Open(grant, stored, institution, partner), null);
    }

    private static async Task<IResult> PageAsync(HttpContext http, PartnerPageServices s, string token, Open open, string? error, int status, CancellationToken ct)
    {
        var a = open.Stored.Agreement;
        var now = s.Clock.GetUtcNow();
        LinkPageHeaders.Protect(http);
        return new RazorComponentResult<Views.PartnerView>(new Dictionary<string, object?>
        {
            [nameof(Views.PartnerView.Agreement)] = a, [nameof(Views.PartnerView.History)] = await s.Store.HistoryAsync(open.Stored, ct),
            [nameof(Views.PartnerView.Institution)] = open.Institution, [nameof(Views.PartnerView.Partner)] = open.Partner,
            [nameof(Views.PartnerView.Token)] = token, [nameof(Views.PartnerView.Today)] = a.Today(now),
            [nameof(Views.PartnerView.NextEvaluation)] = a.NextEvaluationDue(s.Policy), [nameof(Views.PartnerView.Error)] = error,
            [nameof(Views.PartnerView.CanReport)] = a.RefusalOf(Move.Progress, now) is null,
        }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    private static IResult Message(HttpContext http, int status, string name, params object?[] args)
    {
        LinkPageHeaders.Protect(http);
        return new RazorComponentResult<ApprovalMessage>(new Dictionary<string, object?>
        {
            [nameof(ApprovalMessage.Title)] = Id($"PartnerPage.{name}.Title"),
            [nameof(ApprovalMessage.Text)] = Id($"PartnerPage.{name}.Text", args),
            [nameof(ApprovalMessage.English)] = En($"PartnerPage.{name}.Text", args),
        }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }
}

/// <summary>What the partner's page uses.</summary>
public sealed class PartnerPageServices(
    PartnerLinks links, AgreementStore store, AgreementEngine engine, DirectoryStore directory, DocumentStore documents, UploadCommand upload,
    NoticePolicy policy, TimeProvider clock)
{
    public PartnerLinks Links => links;
    public AgreementStore Store => store;
    public AgreementEngine Engine => engine;
    public DirectoryStore Directory => directory;
    public DocumentStore Documents => documents;
    public UploadCommand Upload => upload;
    public NoticePolicy Policy => policy;
    public TimeProvider Clock => clock;
}
