using System.Text;
using Workflow.Core;
using Workflow.Functions.Directory;
using Workflow.Functions.Email.Views;
using Workflow.Functions.Pages;
using static Workflow.Functions.Hosting.Formats;
using static Workflow.Functions.Pages.Bilingual;

namespace Workflow.Functions.Email;

public sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>
/// What the agreement's e-mails say: Bahasa Indonesia first, English below; the texts are in the resource files
/// (<c>Mail.*</c>). One content for both forms: the HTML rendered by a component (every value encoded by Razor), the
/// plain text written from the same lines (every value on its own line, so none can pass for a line of the e-mail).
/// </summary>
public sealed class EmailTemplates(ComponentHtml html)
{
    public sealed record NoticeContent(IReadOnlyList<string> Lines, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<string> English);

    public sealed record ApprovalContent(
        string Greeting, string Intro, IReadOnlyList<(string Label, string Value)> Facts, string Link, string DraftLink, int DraftVersion, string English);

    public sealed record RoundClosedContent(string Summary, string LastDecision, string Comment, IReadOnlyList<string> Steps, string English);

    public async Task<RenderedEmail> ApprovalRequestAsync(
        Agreement a, Institution institution, Partner partner, ReviewRound round, ReviewStep step, DateTimeOffset deadline, Uri link, Uri draftLink,
        string subjectKey = "Mail.Approval.Subject")
    {
        var draft = a.DraftOfLatestRound!;
        var mail = new ApprovalContent(
            Id("Mail.Approval.Greeting", step.Name),
            Id("Mail.Approval.Intro", institution.Name, Id($"Kind.{a.Kind}"), round.Round, step.Step, round.Steps.Count),
            [
                (Id("New.AgreementTitle"), a.Title), (Id("Agreement.FirstParty"), institution.Name), (Id("Agreement.SecondParty"), partner.Name),
                (Id("Agreement.Validity"), Id("Agreement.Months", a.ValidityMonths)), (Id("Mail.Draft"), Id("Mail.DraftVersion", draft.Version, draft.Document.FileName)),
                (Id("Approval.Form.Deadline"), LocalId(deadline, a.TimeZone)),
            ],
            link.AbsoluteUri, draftLink.AbsoluteUri, draft.Version,
            En("Mail.Approval.English", step.Name, institution.Name, a.Title, partner.Name, round.Round, step.Step, round.Steps.Count, LocalEn(deadline, a.TimeZone)));
        var text = new StringBuilder().AppendLine(OneLine(mail.Greeting)).AppendLine().AppendLine(OneLine(mail.Intro)).AppendLine();
        Facts(text, mail.Facts).AppendLine()
            .AppendLine(Id("Mail.Approval.Decide")).AppendLine(mail.Link).AppendLine()
            .AppendLine(Id("Mail.Approval.Download", draft.Version) + ":").AppendLine(mail.DraftLink).AppendLine()
            .AppendLine(Id("Mail.Approval.Personal")).AppendLine()
            .AppendLine("-- English --").AppendLine(OneLine(mail.English))
            .AppendLine($"{En("Mail.Approval.Open")}: {mail.Link}").AppendLine($"{En("Mail.Approval.Download", draft.Version)}: {mail.DraftLink}")
            .AppendLine(En("Mail.Approval.Personal"));
        return new RenderedEmail($"[Sinergi] {Id(subjectKey)}: {OneLine(a.Title)}", text.ToString(), await RenderAsync<ApprovalRequestMail>(mail));
    }

    public async Task<RenderedEmail> RoundClosedAsync(Agreement a, Institution institution, Partner partner, ReviewRound round)
    {
        var deciding = round.Steps.Last(s => s.Decision is not null);
        var outcome = $"Mail.RoundClosed.{round.Outcome}";
        var mail = new RoundClosedContent(
            Id("Mail.RoundClosed.Summary", round.Round, a.Title, institution.Name, partner.Name, Id(outcome)),
            Id("Mail.RoundClosed.Last", deciding.Name, Id($"Decision.{deciding.Decision}")),
            $"{Id("Approval.Decided.Comment")}: {deciding.Comment ?? "-"}",
            [.. round.Steps.Select(s => s.Decision is { } d
                ? $"{s.Name} ({s.Role}): {Id($"Decision.{d}")}{(s.Comment is null ? "" : $" — \"{s.Comment}\"")}"
                : $"{s.Name} ({s.Role}): {Id("Mail.RoundClosed.Undecided")}")],
            En("Mail.RoundClosed.English", round.Round, a.Title, En(outcome), deciding.Name, En($"Decision.{deciding.Decision}"), deciding.Comment ?? "-"));
        var text = new StringBuilder().AppendLine(OneLine(mail.Summary)).AppendLine()
            .AppendLine(OneLine(mail.LastDecision)).AppendLine(Indented(mail.Comment, "         ")).AppendLine()
            .AppendLine(Id("Mail.RoundClosed.Steps"));
        for (var i = 0; i < mail.Steps.Count; i++) text.AppendLine($"  {i + 1}. {Indented(mail.Steps[i], "       ")}");
        text.AppendLine().AppendLine("-- English --").AppendLine(Indented(mail.English));
        return new RenderedEmail($"[Sinergi] {Id("Mail.RoundClosed.Subject", round.Round, Id(outcome))}: {OneLine(a.Title)}", text.ToString(),
            await RenderAsync<RoundClosedMail>(mail));
    }

    /// <summary>
    /// A dated notice about an agreement. <paramref name="name"/> names its texts: <c>Mail.{name}.Subject</c> and
    /// <c>Mail.{name}.Text</c> (its lines) in each language, filled in with <paramref name="args"/>.
    /// </summary>
    public async Task<RenderedEmail> NoticeAsync(Agreement a, Institution institution, Partner partner, string name, params object?[] args)
    {
        var mail = new NoticeContent(
            IdLines($"Mail.{name}.Text", args),
            [
                (Id("New.AgreementTitle"), a.Title), (Id("Agreement.FirstParty"), institution.Name), (Id("Agreement.SecondParty"), partner.Name),
                (Id("Mail.InForce"), a.EffectiveFrom is { } from ? Id("Mail.Period", from, a.ExpiresOn!.Value) : "-"),
            ],
            EnLines($"Mail.{name}.Text", args));
        var text = new StringBuilder();
        foreach (var line in mail.Lines) text.AppendLine(OneLine(line));
        Facts(text.AppendLine(), mail.Facts).AppendLine().AppendLine("-- English --");
        foreach (var line in mail.English) text.AppendLine(OneLine(line));
        return new RenderedEmail($"[Sinergi] {OneLine(Id($"Mail.{name}.Subject", args))}: {OneLine(a.Title)}", text.ToString(), await RenderAsync<NoticeMail>(mail));
    }

    private static StringBuilder Facts(StringBuilder text, IEnumerable<(string Label, string Value)> facts)
    {
        foreach (var (label, value) in facts) text.AppendLine($"  {label,-13}: {OneLine(value)}");
        return text;
    }

    private Task<string> RenderAsync<TComponent>(object mail) where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        html.RenderAsync<TComponent>(new Dictionary<string, object?> { ["Mail"] = mail });
}
