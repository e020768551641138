using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.Functions.FunctionsHost;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>One HTTP function of the published app, as functions.metadata declares it.</summary>
public sealed record HttpFunctionBinding(string Name, string Route, IReadOnlyList<string> Methods);

/// <summary>
/// The published function app (dotnet publish of the built project) and what its functions.metadata declares.
/// Published once per test run.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<string> Folder = new(Publish);

    public static string Path => Folder.Value;

    public static JsonArray Metadata() => JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Path, "functions.metadata")))!.AsArray();

    public static IReadOnlyList<HttpFunctionBinding> HttpFunctions() => Metadata()
        .Select(f => (Name: f!["name"]!.GetValue<string>(), Trigger: f["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger")))
        .Where(f => f.Trigger is not null)
        .Select(f => new HttpFunctionBinding(f.Name, f.Trigger!["route"]!.GetValue<string>(),
            f.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToList()))
        .ToList();

    private static string Publish()
    {
        var project = System.IO.Path.GetDirectoryName(AppProcess.AppDll)!.Split("/bin/")[0];
        var configuration = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!);
        var output = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sinergi-published-" + Guid.NewGuid().ToString("N")[..8]);
        var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "--nologo", "-v", "quiet", "-o", output])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var publish = Process.Start(info)!;
        var log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{log}");
        return output;
    }
}

/// <summary>
/// The app as the Functions host's worker serves HTTP, without the host: the worker's ASP.NET Core pipeline (forwarded
/// headers, routing over the functions' routes from functions.metadata, route prefix ""), each route answering with what
/// its HTTP function returns (<see cref="CatalogEndpointResult"/>), over the services <see cref="FunctionsApp"/> registers.
/// The gRPC hand-over between host and worker is the one part left out: the Functions host itself cannot run here.
/// </summary>
public sealed class FunctionsShapedApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private FunctionsShapedApp(WebApplication app) => this.app = app;

    public HttpClient CreateClient() => app.GetTestClient();

    public IServiceProvider Services => app.Services;

    public static async Task<FunctionsShapedApp> StartAsync(string storageConnectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(SinergiFactory.ProcessSettings(storageConnectionString)
            .Where(s => s.Key.Contains("__")).Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":"), s.Value)));
        builder.Configuration["Engine:RunBackgroundLoops"] = "false";
        FunctionsApp.AddServices(builder.Services, builder.Configuration, builder.Environment);
        var app = builder.Build();
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.All });
        app.UseRouting();
        foreach (var function in PublishedApp.HttpFunctions())
            app.MapMethods("/" + function.Route, function.Methods, http => CatalogEndpointResult.Instance.ExecuteAsync(http));
        await app.StartAsync();
        return new FunctionsShapedApp(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
