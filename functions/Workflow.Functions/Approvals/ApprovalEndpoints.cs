using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;
using Workflow.Functions.Documents;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Approvals;

/// <summary>
/// The pages behind approval links. The token is the official's authority: no account is needed.
/// GET never changes anything (mail scanners open every link); POST records the decision.
/// </summary>
public static class ApprovalEndpoints
{
    private sealed record Open(ApprovalGrant Grant, Agreement Agreement, ReviewRound Round, ReviewStep Step, Institution Institution, Partner Partner);

    /// <summary>Either the decision is open (<see cref="Open"/>), or there is a page saying why not.</summary>
    private sealed record Resolved(Open? Open, int Status, ApprovalPage? Page);

    public static IEndpointRouteBuilder MapApprovalPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/approvals").WithTags("Approval pages").ExcludeFromDescription().AllowAnonymous();
        group.MapMethods("/{token}", ["GET", "HEAD"], Show);
        group.MapPost("/{token}", Decide).DisableAntiforgery();
        group.MapGet("/{token}/draft", Draft);
        return app;
    }

    private static async Task<IResult> Show(string token, HttpContext http, ApprovalTokens tokens, AgreementStore store, DirectoryStore directory, IAntiforgery antiforgery, CancellationToken ct)
    {
        var resolved = await ResolveAsync(token, tokens, store, directory, ct);
        return resolved.Open is { } open ? FormPage(http, tokens, antiforgery, token, open, null, null, 200) : Page(http, resolved.Status, resolved.Page!);
    }

    private static async Task<IResult> Decide(
        string token, HttpContext http, ApprovalTokens tokens, AgreementStore store, DirectoryStore directory, AgreementEngine engine,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var resolved = await ResolveAsync(token, tokens, store, directory, ct);
        if (resolved.Open is not { } open) return Page(http, resolved.Status, resolved.Page!);
        if (!http.Request.HasFormContentType) return Page(http, 415, ApprovalPages.FormExpired());
        try { await antiforgery.ValidateRequestAsync(http); }
        catch (AntiforgeryValidationException) { return Page(http, 400, ApprovalPages.FormExpired()); }

        var form = await http.Request.ReadFormAsync(ct);
        var comment = form["comment"].ToString();
        if (!Enum.TryParse<ReviewDecision>(form["decision"].ToString(), ignoreCase: true, out var decision) || !Enum.IsDefined(decision))
            return FormPage(http, tokens, antiforgery, token, open, comment, "Pilih salah satu: Setujui, Minta perbaikan, atau Tolak.", 400);

        var official = new Actor(open.Grant.Email, open.Step.Name, http.Connection.RemoteIpAddress?.ToString());
        try
        {
            await engine.ExecuteAsync(open.Agreement.Id, new CommandContext(official, _ => { }, null, WantsAnswer: false),
                (a, now) => Change.Of(a.Decide(open.Round.Round, open.Step.Step, decision, comment, official, now)), ct);
        }
        catch (DomainValidationException e)
        {
            var message = e.Errors.TryGetValue("comment", out var errors) && errors[0] == "Wajib diisi."
                ? "Tuliskan catatan: apa yang perlu diperbaiki, atau mengapa ditolak."
                : string.Join(" ", e.Errors.Values.SelectMany(v => v));
            return FormPage(http, tokens, antiforgery, token, open, comment, message, 400);
        }
        catch (Exception e) when (e is InvalidMoveException or ConcurrencyConflictException)
        {
            // A double submit, or someone else was first: show how things stand now.
            var now = await ResolveAsync(token, tokens, store, directory, ct);
            return now.Open is { } still ? FormPage(http, tokens, antiforgery, token, still, comment, "Keputusan belum tercatat; coba kirim lagi.", 409) : Page(http, now.Status, now.Page!);
        }
        var decided = (await store.GetAsync(open.Agreement.Id, ct)).Agreement;
        var step = decided.LatestRound!.Steps.Single(s => s.Step == open.Step.Step);
        return Page(http, 200, ApprovalPages.Decided(decided, step, justNow: true));
    }

    private static async Task<IResult> Draft(string token, HttpContext http, ApprovalTokens tokens, AgreementStore store, DocumentStore documents, CancellationToken ct)
    {
        var (check, grant) = tokens.Verify(token);
        if (check == TokenCheck.Invalid) return Page(http, 400, ApprovalPages.Invalid());
        if (check == TokenCheck.Expired) return Page(http, 410, ApprovalPages.Expired(grant!));
        var stored = await store.LoadAsync(grant!.AgreementId, ct);
        var draft = stored is null ? null
            : stored.Agreement.LatestRound?.Round == grant.Round ? stored.Agreement.DraftOfLatestRound?.Document
            : await store.HistoryAsync(stored, ct) is var history && history.Round(grant.Round) is { } round ? history.DraftOf(round) : null;
        if (draft is null) return Page(http, 404, ApprovalPages.NotFound());
        LinkPageHeaders.Protect(http);
        return AgreementDocuments.Download(http, await documents.OpenReadAsync(stored!.Agreement.Id, draft, ct), draft);
    }

    private static async Task<Resolved> ResolveAsync(string token, ApprovalTokens tokens, AgreementStore store, DirectoryStore directory, CancellationToken ct)
    {
        var (check, grant) = tokens.Verify(token);
        if (check == TokenCheck.Invalid) return new(null, 400, ApprovalPages.Invalid());
        if (check == TokenCheck.Expired) return new(null, 410, ApprovalPages.Expired(grant!));
        var stored = await store.LoadAsync(grant!.AgreementId, ct);
        if (stored?.Agreement is not { LatestRound: { } latestRound } a) return new(null, 404, ApprovalPages.NotFound());
        // A link from an earlier round is rare: only then is the history read.
        var round = grant.Round == latestRound.Round ? latestRound : (await store.HistoryAsync(stored, ct)).Round(grant.Round);
        var step = round?.Steps.FirstOrDefault(s => s.Step == grant.Step);
        if (round is null || step is null || !string.Equals(step.Email, grant.Email, StringComparison.OrdinalIgnoreCase))
            return new(null, 400, ApprovalPages.Invalid());

        var latest = latestRound.Round;
        if (round.Round < latest) return new(null, 409, ApprovalPages.OldRound(a, step, latest));
        if (step.Decision is not null) return new(null, 200, ApprovalPages.Decided(a, step, justNow: false));
        if (round.Outcome != ReviewRoundOutcome.Open) return new(null, 409, ApprovalPages.RoundClosed(a, round));
        if (round.CurrentStep!.Step != step.Step) return new(null, 409, ApprovalPages.NotYourTurn(round.CurrentStep));

        var institution = await directory.FindInstitutionAsync(a.InstitutionId, ct);
        var partner = await directory.FindPartnerAsync(a, ct);
        if (institution is null || partner is null) return new(null, 404, ApprovalPages.NotFound());
        return new(new Open(grant, a, round, step, institution, partner), 200, null);
    }

    private static IResult FormPage(HttpContext http, ApprovalTokens tokens, IAntiforgery antiforgery, string token, Open open, string? comment, string? error, int status)
    {
        var af = antiforgery.GetAndStoreTokens(http);
        var started = open.Round.CurrentStepStartedAt(open.Step) ?? open.Round.SubmittedAt;
        var page = ApprovalPages.Form(open.Agreement, open.Institution, open.Partner, open.Round, open.Step, started.AddDays(open.Step.DaysAllowed),
            tokens.Link(token, "/draft").AbsoluteUri, af.FormFieldName, af.RequestToken!, comment, error);
        return Page(http, status, page);
    }

    private static IResult Page(HttpContext http, int status, ApprovalPage page)
    {
        LinkPageHeaders.Protect(http);
        return new RazorComponentResult(page.Component, page.Parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }
}
