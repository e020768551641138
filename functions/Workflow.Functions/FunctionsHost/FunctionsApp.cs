using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;

namespace Workflow.Functions.FunctionsHost;

/// <summary>The app as an isolated worker under the Azure Functions host: the same services, the host's triggers.</summary>
public static class FunctionsApp
{
    /// <summary>The host starts its worker with the address to call back (<c>--functions-uri</c>); nothing else does.</summary>
    public static bool IsUnderFunctionsHost(string[] args) =>
        args.Contains("--functions-uri") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Functions__Worker__HostEndpoint"));

    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        AddServices(builder.Services, builder.Configuration, builder.Environment);
        return builder.Build();
    }

    /// <summary>The services of the app under the host: everything the standalone app has, and the endpoints for the HTTP functions to run.</summary>
    public static IServiceCollection AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSinergi(configuration, environment);
        services.AddFunctionsProcess();
        services.AddSingleton<EndpointCatalog>();
        // What the API explorer (OpenAPI) describes: the endpoints, not the functions' own (which alone are routed).
        services.Replace(ServiceDescriptor.Singleton<EndpointDataSource>(sp => sp.GetRequiredService<EndpointCatalog>().DataSource));
        return services;
    }
}
