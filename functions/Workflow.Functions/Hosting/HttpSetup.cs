using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Workflow.Functions.Admin;
using Workflow.Functions.Approvals;
using Workflow.Functions.Agreements;
using Workflow.Functions.Auth;
using Workflow.Functions.Calendar;
using Workflow.Functions.Dev;
using Workflow.Functions.Directory;
using Workflow.Functions.Drafts;
using Workflow.Functions.Assets;
using Workflow.Functions.Documents;
using Workflow.Functions.Health;
using Workflow.Functions.Pages;
using Workflow.Functions.Partners;

namespace Workflow.Functions.Hosting;

public static class HttpSetup
{
    public static IServiceCollection AddSinergiHttp(this IServiceCollection services, IHostEnvironment environment)
    {
        services.ConfigureHttpJsonOptions(o => SinergiJson.Configure(o.SerializerOptions));
        // Binding failures (malformed JSON, wrong types) throw, so the problem handler words them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemExceptionHandler.Complete);
        // Pages are Razor components rendered on the server (no interactivity, no script); their texts are resources.
        services.AddRazorComponents();
        services.AddLocalization();
        services.AddSingleton<Pages.ComponentHtml>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(OpenApiDescription.Configure);
        // Small by default; endpoints that take a file raise it for themselves (WithUploadLimit).
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit.Json);

        if (environment.IsDevOrTesting())
        {
            services.AddSingleton(sp => DevClock.FromSettings(sp.GetRequiredService<IConfiguration>(), TimeProvider.System));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DevClock>());
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
        return services;
    }

    public static IServiceCollection AddSinergiAgreements(this IServiceCollection services) => services
        .AddSingleton<DirectoryStore>()
        .AddSingleton<StateCache>()
        .AddSingleton<AgreementStore>()
        .AddSingleton<AgreementEngine>()
        .AddSingleton<AgreementQueries>()
        .AddSingleton<NewAgreementResolver>()
        .AddSingleton<DocumentStore>()
        .AddSingleton<UploadCommand>()
        .AddSingleton<Drafts.DraftTemplates>()
        .AddSingleton<Drafts.DraftGeneration>()
        .AddSingleton<Partners.PartnerPageServices>()
        .AddSingleton<PageServices>();

    /// <summary>Every endpoint, in both hostings: the standalone app maps them, the Functions host's HTTP functions run them.</summary>
    public static IEndpointRouteBuilder MapSinergiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapDevApi();
        app.MapInstitutionsApi();
        app.MapPartnersApi();
        app.MapAgreementsApi();
        app.MapAgreementCommandsApi();
        app.MapDraftsApi();
        app.MapAdminApi();
        app.MapApprovalPages();
        app.MapPartnerPages();
        app.MapPartnerLinkApi();
        app.MapCalendarFeeds();
        app.MapSinergiPages();
        app.MapAssets();
        return app;
    }
}
