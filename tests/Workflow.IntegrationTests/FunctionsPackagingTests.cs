using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The deployment shape of DESIGN.md §3: host.json, one folder per function, trigger endpoints that answer the
/// Functions host's documented payloads. Its own Azurite, so no other app's dispatcher takes its queue messages.
/// </summary>
public sealed class FunctionsPackagingTests : IAsyncLifetime
{
    private static readonly string Root = AzuriteProcess.RepositoryRoot();
    private IsolatedApp app = null!;
    private SinergiFactory underHost => app.Factory;

    public async Task InitializeAsync() => app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static IEnumerable<(string Name, JsonObject Binding)> Functions() =>
        Directory.GetDirectories(Path.Combine(Root, "functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!["bindings"]![0]!.AsObject()));

    private static List<TemplateMatcher> HttpFunctionRoutes() => Functions()
        .Where(f => f.Binding["type"]!.GetValue<string>() == "httpTrigger")
        .Select(f => new TemplateMatcher(TemplateParser.Parse(f.Binding["route"]!.GetValue<string>()), new RouteValueDictionary()))
        .ToList();

    private static bool PubliclyReachable(string path) => HttpFunctionRoutes().Any(m => m.TryMatch(path, new RouteValueDictionary()));

    private IReadOnlyList<string> AppRoutes() => underHost.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();

    private static string Sample(string route) => System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "x");

    [Fact]
    public void HostJsonMakesTheAppACustomHandlerWithForwardedHttp()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("app/Workflow.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.StartsWith("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void EveryFunctionBindsToAnEndpointThatExists()
    {
        var routes = AppRoutes();
        var functions = Functions().ToList();
        Assert.Equal(["Api", "Approvals", "Assets", "Dispatch", "Health", "OpenApi", "Pages", "Sweep"], functions.Select(f => f.Name).Order());
        foreach (var (name, binding) in functions)
        {
            switch (binding["type"]!.GetValue<string>())
            {
                case "httpTrigger" when binding["route"]!.GetValue<string>() == "assets/{*path}":
                    // Static files, served by the static-file middleware rather than an endpoint.
                    Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root, "functions", "Workflow.Functions", "wwwroot", "assets")));
                    break;
                case "httpTrigger":
                    var matcher = new TemplateMatcher(TemplateParser.Parse(binding["route"]!.GetValue<string>()), new RouteValueDictionary());
                    Assert.True(routes.Any(r => matcher.TryMatch(Sample(r), new RouteValueDictionary())), $"{name}: no app endpoint under {binding["route"]}");
                    break;
                case "timerTrigger":
                    Assert.Equal("%SWEEP_SCHEDULE%", binding["schedule"]!.GetValue<string>());
                    Assert.Contains($"/{name}", routes);
                    break;
                case "queueTrigger":
                    Assert.Equal(Workflow.Functions.Storage.StorageClients.DispatchQueue, binding["queueName"]!.GetValue<string>());
                    Assert.Contains($"/{name}", routes);
                    break;
                default:
                    Assert.Fail($"{name}: unexpected trigger {binding["type"]}");
                    break;
            }
        }
    }

    [Fact]
    public void EveryPublicEndpointIsReachableThroughAnHttpFunctionAndNoTriggerIs()
    {
        var triggers = Functions().Where(f => f.Binding["type"]!.GetValue<string>() != "httpTrigger").Select(f => $"/{f.Name}").ToList();
        foreach (var route in AppRoutes())
        {
            if (triggers.Contains(route)) Assert.False(PubliclyReachable(route), $"trigger {route} is reachable through an HTTP function");
            else Assert.True(PubliclyReachable(Sample(route)), $"{route} is not reachable through any HTTP function");
        }
    }

    [Fact]
    public async Task TriggerEndpointsDoNotExistOutsideTheFunctionsHost()
    {
        await using var standalone = new SinergiFactory(app.Azurite.ConnectionString, settings: new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });
        var client = standalone.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/Sweep", new { Data = new { }, Metadata = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/Dispatch", new { Data = new { message = "agr-x" }, Metadata = new { } })).StatusCode);
    }

    [Fact]
    public void UnderTheHostTheAppRunsNoLoopsOfItsOwn() =>
        Assert.False(underHost.Services.GetRequiredService<IOptions<EngineOptions>>().Value.RunBackgroundLoops);

    [Fact]
    public async Task TimerPayloadGetsTheCustomHandlerAnswer()
    {
        var payload = JsonNode.Parse("""
            {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-22T00:00:00+00:00","Next":"2026-11-22T00:05:00+00:00","LastUpdated":"2026-11-22T00:00:00+00:00"},"IsPastDue":false}},
             "Metadata":{"sys":{"MethodName":"Sweep","UtcNow":"2026-11-22T00:05:00.0000000Z","RandGuid":"7b7c3d6e-2f6a-4d4e-9a63-6d6c2e1c9f10"}}}
            """);
        var response = await underHost.CreateClient().PostAsJsonAsync("/Sweep", payload);
        var answer = await Api.Json(response, HttpStatusCode.OK);
        Assert.Empty(answer["Outputs"]!.AsObject());
        Assert.StartsWith("Sweep fired", answer["Logs"]![0]!.GetValue<string>());
        Assert.Null(answer["ReturnValue"]);
    }

    [Fact]
    public async Task QueuePayloadDispatchesTheAgreementsOutbox()
    {
        var api = new Api(underHost.CreateClient());
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var probe = app.Storage;
        Assert.NotEmpty(await probe.OutboxAsync(id)); // nobody dispatches on its own under the host

        var payload = JsonNode.Parse("""
            {"Data":{"message":"AGREEMENT_ID"},
             "Metadata":{"DequeueCount":"1","ExpirationTime":"2026-11-29T00:00:00+00:00","Id":"5f3b2f5e-7c1b-4b7e-8d2a-0c6e2b1f9a11","InsertionTime":"2026-11-22T00:00:00+00:00",
                         "NextVisibleTime":"2026-11-22T00:00:30+00:00","PopReceipt":"AgAAAAMAAAAAAAAA","sys":{"MethodName":"Dispatch","UtcNow":"2026-11-22T00:00:01Z","RandGuid":"0d3c8f6a-1b2c-4d5e-8f90-a1b2c3d4e5f6"}}}
            """.Replace("AGREEMENT_ID", $"t={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {id}:0")); // as the app queues it: sent at, agreement:version before

        var answer = await Api.Json(await api.Http.PostAsJsonAsync("/Dispatch", payload), HttpStatusCode.OK);
        Assert.Contains("Dispatched", answer["Logs"]![0]!.GetValue<string>());
        Assert.Empty(await probe.OutboxAsync(id));
        var listed = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());

        foreach (var message in new[] { "not/an id", "t=1763856000000", $"{id}:1 not/an:2", "" })
        {
            var bad = await api.Http.PostAsJsonAsync("/Dispatch", new JsonObject { ["Data"] = new JsonObject { ["message"] = message }, ["Metadata"] = new JsonObject() });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
    }
}

public sealed class SettingsSampleTests
{
    [Fact]
    public void SampleSettingsNameEverySettingTheAppReads()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "local.settings.sample.json")))!["Values"]!.AsObject();
        var optionTypes = typeof(Workflow.Functions.Hosting.StorageOptions).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsSealed && t.Name.EndsWith("Options") && t.GetField("Section") is not null);
        var missing = new List<string>();
        foreach (var type in optionTypes)
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var key = $"{section}__{property.Name}";
                if (!sample.ContainsKey(key) && !sample.ContainsKey(key + "__0")) missing.Add(key);
            }
        }
        Assert.True(optionTypes.Count() >= 10, "options classes not found");
        Assert.Empty(missing);
        foreach (var key in new[] { "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "SWEEP_SCHEDULE" }) Assert.True(sample.ContainsKey(key), key);
        Assert.Equal("custom", sample["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
    }
}
