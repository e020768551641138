using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Workflow.Functions.FunctionsHost;

// The HTTP functions: one a route, with the route and methods the standalone app maps (a test holds the two lists
// together). Each runs the endpoint of its route (EndpointCatalog); the Durable Task client it is given is the one the
// endpoint's commands signal agreements' orchestrations with.

/// <summary>The directory: institutions, their delegates, partners.</summary>
public static class DirectoryFunctions
{
    [Function("RegisterInstitution")]
    public static IResult RegisterInstitution([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/institutions")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ListInstitutions")]
    public static IResult ListInstitutions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/institutions")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetInstitution")]
    public static IResult GetInstitution([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/institutions/{id}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SetDelegates")]
    public static IResult SetDelegates([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/institutions/{id}/delegates")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RegisterPartner")]
    public static IResult RegisterPartner([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/partners")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ListPartners")]
    public static IResult ListPartners([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/partners")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetPartner")]
    public static IResult GetPartner([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/partners/{id}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);
}

/// <summary>The agreement API: creating, importing, reading, and every command on an agreement.</summary>
public static class AgreementsFunctions
{
    [Function("CreateAgreement")]
    public static IResult CreateAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ImportAgreement")]
    public static IResult ImportAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/import")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ListAgreements")]
    public static IResult ListAgreements([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetAgreement")]
    public static IResult GetAgreement([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements/{id}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetHistory")]
    public static IResult GetHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements/{id}/history")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetDocument")]
    public static IResult GetDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/agreements/{id}/documents/{documentId}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SubscribeCalendar")]
    public static IResult SubscribeCalendar([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/calendar/subscriptions")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("CalendarFeed")]
    public static IResult CalendarFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "calendar/{file}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("IssuePartnerLink")]
    public static IResult IssuePartnerLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/partner-link")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RevokePartnerLink")]
    public static IResult RevokePartnerLink([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/agreements/{id}/partner-link")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ReportProgress")]
    public static IResult ReportProgress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/action-plan/{itemId}/progress")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GenerateDraft")]
    public static IResult GenerateDraft([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/drafts/generated")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SetDraftTemplate")]
    public static IResult SetDraftTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/institutions/{id}/draft-template")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GetDraftTemplate")]
    public static IResult GetDraftTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/institutions/{id}/draft-template")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DeleteDraftTemplate")]
    public static IResult DeleteDraftTemplate([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/institutions/{id}/draft-template")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("UploadDraft")]
    public static IResult UploadDraft([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/drafts")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SubmitForReview")]
    public static IResult SubmitForReview([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/review")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("Decide")]
    public static IResult Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/review/decision")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("Sign")]
    public static IResult Sign([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/signing")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SetActionPlan")]
    public static IResult SetActionPlan([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/agreements/{id}/action-plan")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RecordEvaluation")]
    public static IResult RecordEvaluation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/evaluations")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("StartRenewal")]
    public static IResult StartRenewal([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/renewal")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("Terminate")]
    public static IResult Terminate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/termination")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("WithdrawTermination")]
    public static IResult WithdrawTermination([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/agreements/{id}/termination/withdrawal")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RebuildLists")]
    public static IResult RebuildLists([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/rebuild-lists")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("StartProcesses")]
    public static IResult StartProcesses([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/start-processes")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);
}

/// <summary>The pages behind the e-mailed approval links.</summary>
public static class ApprovalsFunctions
{
    [Function("ShowApproval")]
    public static IResult ShowApproval([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "approvals/{token}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RecordApproval")]
    public static IResult RecordApproval([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DownloadApprovalDraft")]
    public static IResult DownloadApprovalDraft([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}/draft")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);
}

/// <summary>The staff and Kanwil pages, sign-in and reports, and their stylesheet.</summary>
public static class PagesFunctions
{
    [Function("Home")]
    public static IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Pages.PagesEndpoints.RootRoute)] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SignInPage")]
    public static IResult SignInPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/masuk")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SignIn")]
    public static IResult SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/masuk")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SignOut")]
    public static IResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/keluar")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SwitchLanguage")]
    public static IResult SwitchLanguage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/bahasa")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("NoAccessPage")]
    public static IResult NoAccessPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/ditolak")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DashboardPage")]
    public static IResult DashboardPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("AgreementListPage")]
    public static IResult AgreementListPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/perjanjian")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("CalendarPage")]
    public static IResult CalendarPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/kalender")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("LateItemsPage")]
    public static IResult LateItemsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/monev")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("NewAgreementPage")]
    public static IResult NewAgreementPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/perjanjian/baru")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("CreateAgreementPage")]
    public static IResult CreateAgreementPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/baru")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("AgreementPage")]
    public static IResult AgreementPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/perjanjian/{id}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("GenerateDraftPage")]
    public static IResult GenerateDraftPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/draft-generated")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("UploadDraftPage")]
    public static IResult UploadDraftPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/draft")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SignPage")]
    public static IResult SignPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/signing")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("PartnerLinkPage")]
    public static IResult PartnerLinkPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/partner-link")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RevokePartnerLinkPage")]
    public static IResult RevokePartnerLinkPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/partner-link-revoke")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("PartnerPage")]
    public static IResult PartnerPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "mitra/{token}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("PartnerReport")]
    public static IResult PartnerReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mitra/{token}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("PartnerDocument")]
    public static IResult PartnerDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mitra/{token}/dokumen/{documentId}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ReportProgressPage")]
    public static IResult ReportProgressPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/progress")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RecordEvaluationPage")]
    public static IResult RecordEvaluationPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/evaluation")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SubmitForReviewPage")]
    public static IResult SubmitForReviewPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/review")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SetActionPlanPage")]
    public static IResult SetActionPlanPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/action-plan")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("StartRenewalPage")]
    public static IResult StartRenewalPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/renewal")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("TerminatePage")]
    public static IResult TerminatePage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/termination")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("WithdrawTerminationPage")]
    public static IResult WithdrawTerminationPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/perjanjian/{id}/withdrawal")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DocumentPage")]
    public static IResult DocumentPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/perjanjian/{id}/dokumen/{documentId}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SigningEventPage")]
    public static IResult SigningEventPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/penandatanganan")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("RecordSigningEvent")]
    public static IResult RecordSigningEvent([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/penandatanganan")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ReportsPage")]
    public static IResult ReportsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/laporan")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ExportReport")]
    public static IResult ExportReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/laporan/{file}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("Stylesheet")]
    public static IResult Stylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{file}")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);
}

/// <summary>Health, the API's description, and the development endpoints (404 outside Development and Testing).</summary>
public static class ServiceFunctions
{
    [Function("Health")]
    public static IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("OpenApiDocument")]
    public static IResult OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DevToken")]
    public static IResult DevToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/token")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DevClock")]
    public static IResult DevClock([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/clock")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("SetDevClock")]
    public static IResult SetDevClock([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/dev/clock")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("ResetDevClock")]
    public static IResult ResetDevClock([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/dev/clock")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);

    [Function("DevSweep")]
    public static IResult DevSweep([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sweep")] HttpRequest req, [DurableClient] DurableTaskClient process) =>
        HttpFunction.Run(req, process);
}
