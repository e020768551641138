using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Email;
using Workflow.Functions.FunctionsHost;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;

namespace Workflow.Functions.Hosting;

/// <summary>The whole app, built from its arguments and configuration. Program runs it; the benchmark hosts it in-process.</summary>
public static class SinergiApp
{
    /// <param name="settings">Settings laid over the configuration (the benchmark's own).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args).UseFunctionsHostWhenPresent();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        builder.Services
            .AddSinergiOptions(builder.Configuration)
            .AddSinergiHttp(builder.Environment)
            .AddSinergiStorage()
            .AddSinergiAuth()
            .AddSinergiAgreements()
            .AddSinergiDispatch()
            .AddSinergiEmail()
            .AddSinergiNotices();

        var app = builder.Build();
        app.UseSinergiHttp();
        app.MapSinergiEndpoints();
        return app;
    }
}
