using Microsoft.AspNetCore.HttpOverrides;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Email;
using Workflow.Functions.Lifecycle;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;

namespace Workflow.Functions.Hosting;

/// <summary>
/// The app without the Functions host (./run, the tests, the benchmark): it maps the same endpoints the HTTP functions
/// run, and runs itself what the host's triggers and Durable Task extension would (the dispatch queue, the renewal-notice
/// timer, the agreements' orchestrations).
/// </summary>
public static class SinergiApp
{
    /// <param name="settings">Settings laid over the configuration (the benchmark's own).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        // The tests run as "Testing": a scoped service taken from the root fails there as it does in Development.
        builder.Host.UseDefaultServiceProvider(o => o.ValidateScopes = o.ValidateOnBuild = builder.Environment.IsDevOrTesting());
        builder.Services.AddSinergi(builder.Configuration, builder.Environment);
        builder.Services.AddSinergiStandaloneTriggers();
        builder.Services.AddStandaloneProcess(builder.Configuration);

        var app = builder.Build();
        // Only a loopback peer (a proxy in front) is trusted to tell the client's address.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseSinergiPipeline();
        app.MapSinergiEndpoints();
        return app;
    }

    /// <summary>Everything both hostings share.</summary>
    public static IServiceCollection AddSinergi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment) => services
        .AddSinergiOptions(configuration)
        .AddSinergiHttp(environment)
        .AddSinergiStorage()
        .AddSinergiAuth()
        .AddSinergiAgreements()
        .AddSinergiDispatch()
        .AddSinergiEmail()
        .AddSinergiNotices()
        .AddSinergiProcess(configuration, environment);
}
