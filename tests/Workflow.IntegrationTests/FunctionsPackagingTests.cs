using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Dispatch;
using Workflow.Functions.FunctionsHost;
using Workflow.Core;
using Workflow.Functions.Storage;
using Workflow.Orchestration;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The deployment of DESIGN.md §3: an isolated-worker function app whose published functions.metadata declares an HTTP
/// function for every route the standalone app maps and the other way round, the triggers, and the Durable Task
/// extension; and whose functions answer as the standalone app does. Its own Azurite.
/// </summary>
public sealed class FunctionsPackagingTests : IAsyncLifetime
{
    private static readonly string Root = AzuriteProcess.RepositoryRoot();
    private IsolatedApp standalone = null!;

    public async Task InitializeAsync() => standalone = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });

    public async Task DisposeAsync() => await standalone.DisposeAsync();

    [Fact]
    public void HostJsonIsTheIsolatedAppsWithTheTaskHubAndQueueSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedApp.Path, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("SinergiHub", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("00:00:02", host["extensions"]!["queues"]!["maxPollingInterval"]!.GetValue<string>());
    }

    [Fact]
    public void ThePublishedAppIsAnIsolatedWorkerWithTheDurableTaskExtension()
    {
        foreach (var file in new[] { "functions.metadata", "extensions.json", "worker.config.json", "Workflow.Functions.dll" })
            Assert.True(File.Exists(Path.Combine(PublishedApp.Path, file)), file);
        Assert.True(Directory.Exists(Path.Combine(PublishedApp.Path, ".azurefunctions")));
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedApp.Path, "worker.config.json")))!;
        Assert.Equal("dotnet-isolated", worker["description"]!["language"]!.GetValue<string>());
        var extensions = File.ReadAllText(Path.Combine(PublishedApp.Path, "extensions.json"));
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", extensions);
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(Root, "functions")), d => File.Exists(Path.Combine(d, "function.json")));
    }

    [Fact]
    public void EveryRouteTheStandaloneAppMapsIsAnHttpFunctionWithTheSameMethodsAndTheOtherWayRound()
    {
        static string Route(string pattern) => pattern.Trim('/');
        var mapped = standalone.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Route(e.RoutePattern.RawText!)}"))
            .Order().ToList();
        var functions = PublishedApp.HttpFunctions().SelectMany(f => f.Methods.Select(m => $"{m} {Route(f.Route)}")).Order().ToList();
        Assert.Equal(mapped, functions);
        Assert.True(functions.Count > 50);
    }

    [Fact]
    public void TheTriggersAreDeclared()
    {
        var bindings = PublishedApp.Metadata().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["bindings"]![0]!.AsObject());
        Assert.Equal("queueTrigger", bindings["Dispatch"]["type"]!.GetValue<string>());
        Assert.Equal(StorageClients.DispatchQueue, bindings["Dispatch"]["queueName"]!.GetValue<string>());
        Assert.Equal("timerTrigger", bindings["RenewalNotices"]["type"]!.GetValue<string>());
        Assert.Equal("0 0 * * * *", bindings["RenewalNotices"]["schedule"]!.GetValue<string>());
        Assert.Equal("orchestrationTrigger", bindings[AgreementLifecycle.Name]["type"]!.GetValue<string>());
        foreach (var activity in new[] { LifecycleActivities.ReadAgreement, LifecycleActivities.AskOfficial, LifecycleActivities.FireTimer })
            Assert.Equal("activityTrigger", bindings[activity]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheActivityFunctionsReadAndChangeTheRecord()
    {
        var api = new Api(standalone.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil-kaltim.example")), HttpStatusCode.OK);

        var functions = ActivatorUtilities.CreateInstance<LifecycleFunctions>(standalone.Factory.Services);
        var view = await functions.ReadAgreement(new LifecycleInput(id), CancellationToken.None);
        Assert.Equal(new StepToAsk(1, 1), view.Ask);
        Assert.Equal(TimerKind.ReviewReminder, view.Next!.Kind);
        var asked = await functions.AskOfficial(new AskOfficialInput(new LifecycleInput(id), view.Ask!), CancellationToken.None);
        Assert.Null(asked.Ask);
        // Again, as a retried activity: nothing more.
        var again = await functions.AskOfficial(new AskOfficialInput(new LifecycleInput(id), view.Ask!), CancellationToken.None);
        Assert.Null(again.Ask);
        Assert.Equal(view.Version + 1, again.Version);
    }

    [Fact]
    public async Task TheFunctionsAnswerAsTheStandaloneAppDoes()
    {
        await using var functions = await FunctionsShapedApp.StartAsync(standalone.Azurite.ConnectionString);
        // Neither follows redirects: the answers themselves are compared.
        var (viaApp, viaFunctions) = (new Api(standalone.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })),
            new Api(functions.CreateClient()));
        var w = await viaApp.NewWorldAsync();

        async Task<(HttpStatusCode, string?, string?, string?)> Answer(Api api, HttpMethod method, string url, object? body = null, string? token = null, Dictionary<string, string>? headers = null)
        {
            var response = await api.Send(method, url, token, body, headers);
            var content = await response.Content.ReadAsStringAsync();
            var title = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(content)!["title"]?.GetValue<string>() : null;
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, title,
                response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? csp.Single() : null);
        }

        // The same requests through both hostings: answers, problem titles and security headers alike.
        var requests = new (HttpMethod Method, string Url, object? Body, string? Token)[]
        {
            (HttpMethod.Get, "/health", null, null),
            (HttpMethod.Get, "/api/agreements", null, null),
            (HttpMethod.Get, $"/api/agreements?institutionId={w.InstitutionId}", null, w.StaffToken),
            (HttpMethod.Post, "/api/agreements", "{ broken", w.StaffToken),
            (HttpMethod.Post, "/api/agreements", Api.NewAgreementBody(w, title: "x"), w.StaffToken),
            (HttpMethod.Get, "/api/agreements/agr-tidak-ada", null, w.StaffToken),
            (HttpMethod.Get, "/api/agreements/BUKAN-ID", null, w.StaffToken),
            (HttpMethod.Get, "/approvals/bukan.token", null, null),
            (HttpMethod.Get, "/app", null, null),
            (HttpMethod.Get, "/app/masuk", null, null),
            (HttpMethod.Get, "/assets/site.css", null, null),
            (HttpMethod.Get, "/app/bahasa?l=en&kembali=//evil.example", null, null),
        };
        // (A URL or method no function has is answered by the Functions host itself, before the app.)
        foreach (var (method, url, body, token) in requests)
            Assert.Equal(await Answer(viaApp, method, url, body, token), await Answer(viaFunctions, method, url, body, token));

        // A command through one hosting, retried with its Idempotency-Key through the other, is the same command.
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "sama-" + Guid.NewGuid() };
        var first = await Api.Json(await viaFunctions.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w), key), HttpStatusCode.Created);
        var retried = await viaApp.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, Api.NewAgreementBody(w), key);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.ToJsonString(), (await Api.Json(retried, HttpStatusCode.Created)).ToJsonString());

        // Pages: sign in through the functions, and the session works there; a form needs its antiforgery token.
        var browser = functions.CreateClient();
        var signIn = await browser.PostAsync("/app/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = $"staf@{w.InstitutionId[6..]}.go.id", ["name"] = "Staf", ["role"] = "staff", ["institution"] = w.InstitutionId, ["region"] = w.RegionId, ["returnUrl"] = "/app",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = new HttpRequestMessage(HttpMethod.Get, "/app");
        session.Headers.Add("Cookie", string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var dashboard = await browser.SendAsync(session);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("default-src 'none'", dashboard.Headers.GetValues("Content-Security-Policy").Single());

        // The host serves the same API description as the standalone app, but for where it is served from.
        static string Described(JsonObject document)
        {
            document.Remove("servers");
            return document.ToJsonString();
        }
        var underHost = Described(await viaFunctions.GetAsync("/openapi/v1.json", w.StaffToken));
        Assert.Equal(Described(await viaApp.GetAsync("/openapi/v1.json", w.StaffToken)), underHost);
        Assert.Contains("\"ReviewStepDecided\"", underHost);
    }

    [Fact]
    public async Task TheQueueFunctionDispatchesAnAgreementsOutboxAndRefusesWhatIsNoNotice()
    {
        var api = new Api(standalone.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        Assert.NotEmpty(await standalone.Storage.OutboxAsync(id)); // this app polls nothing, as under the host

        await using var scope = standalone.Factory.Services.CreateAsyncScope();
        var triggers = ActivatorUtilities.CreateInstance<TriggerFunctions>(scope.ServiceProvider);
        await triggers.Dispatch($"t={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {id}:0", null!, CancellationToken.None); // as the app queues it
        // All done but the orchestration's start, which stays until a worker has begun it (none runs orchestrations here).
        Assert.Equal([OutboxKinds.StartProcess], (await standalone.Storage.OutboxAsync(id)).Select(r => r.GetString("Kind")));
        var listed = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());

        foreach (var message in new[] { "not/an id", "t=1763856000000", $"{id}:1 not/an:2", "" })
            await triggers.Dispatch(message, null!, CancellationToken.None); // logged and dropped: it would fail every retry
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
        foreach (var key in new[] { "FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage" }) Assert.True(sample.ContainsKey(key), key);
        Assert.Equal("dotnet-isolated", sample["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
    }
}
