using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Directory;

namespace Workflow.Functions.Pages;

/// <summary>What the pages use, in one place, so page handlers stay short.</summary>
public sealed class PageServices(
    AgreementStore store, AgreementQueries queries, DirectoryStore directory, AgreementEngine engine, UploadCommand upload,
    NewAgreementResolver resolver, NoticePolicy policy, TimeProvider clock, Drafts.DraftGeneration drafts, Partners.PartnerLinks partnerLinks)
{
    public AgreementStore Store => store;
    public AgreementQueries Queries => queries;
    public DirectoryStore Directory => directory;
    public AgreementEngine Engine => engine;
    public UploadCommand Upload => upload;
    public NewAgreementResolver Resolver => resolver;
    public NoticePolicy Policy => policy;
    public TimeProvider Clock => clock;
    public Drafts.DraftGeneration Drafts => drafts;
    public Partners.PartnerLinks PartnerLinks => partnerLinks;
}
