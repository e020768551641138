using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class StartupAndContractTests(SinergiFixture fixture)
{
    /// <summary>Starts the built app as its own process, as a deployment would, with one setting missing or wrong.</summary>
    [Theory]
    [InlineData("Storage__ConnectionString", "", "Storage:ConnectionString")]
    [InlineData("Auth__DevSigningKey", "short", "Auth:DevSigningKey")]
    [InlineData("Documents__MaxBytes", "0", "Documents:MaxBytes")]
    [InlineData("Email__From", "", "Email:From")]
    [InlineData("Smtp__Host", "", "Smtp:Host")]
    [InlineData("Approvals__SigningKey", "", "Approvals:SigningKey")]
    [InlineData("Approvals__PublicBaseUrl", "not a url", "Approvals:PublicBaseUrl")]
    public async Task MissingOrBadSettingStopsTheAppNamingIt(string key, string value, string named)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!); // bin/{Debug,Release}/net10.0
        var app = Path.Combine(AzuriteProcess.RepositoryRoot(), "functions", "Workflow.Functions", "bin", configuration, "net10.0", "Workflow.Functions.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        info.ArgumentList.Add(app);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__ConnectionString"] = fixture.Azurite.ConnectionString,
            ["Auth__DevTokens"] = "true",
            ["Auth__DevSigningKey"] = SinergiFactory.SigningKey,
            ["Email__From"] = "sinergi@sinergi.example",
            ["Smtp__Host"] = "127.0.0.1",
            ["Approvals__PublicBaseUrl"] = SinergiFactory.PublicBaseUrl,
            ["Approvals__SigningKey"] = SinergiFactory.ApprovalKey,
            ["Engine__RunBackgroundLoops"] = "false",
            [key] = value,
        };
        foreach (var (k, v) in settings) info.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); Assert.Fail($"the app started although {named} was '{value}'"); }
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(named, await output + await errors);
    }

    [Fact]
    public async Task HealthReportsStorageReachable()
    {
        var health = await Api.Json(await fixture.Api().Send(HttpMethod.Get, "/health", null), HttpStatusCode.OK);
        Assert.Equal("ok", health["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApiDescribesEndpointsEnumsAndProblems()
    {
        var doc = JsonNode.Parse(await fixture.Api().Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/agreements", "/api/agreements/import", "/api/agreements/{id}/drafts", "/api/agreements/{id}/review",
                     "/api/agreements/{id}/signing", "/api/agreements/{id}/history", "/api/institutions", "/api/partners" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        var text = doc.ToJsonString();
        foreach (var value in new[] { "\"InReview\"", "\"DrugRehabilitation\"", "\"LocalGovernment\"", "\"Mou\"", "\"HeadOfInstitution\"" })
            Assert.Contains(value, text);
        var conflict = paths["/api/agreements/{id}/review"]!["post"]!["responses"]!["409"]!;
        Assert.NotNull(conflict["content"]!["application/problem+json"]);
    }

    [Fact]
    public void BatchOverOneHundredEntitiesIsRefusedBeforeSending()
    {
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}"))).ToList();
        Assert.Throws<PayloadTooLargeException>(() => BatchLimits.Check(actions));
        BatchLimits.Check(actions.Take(100).ToList());
    }

    [Fact]
    public void EntityOverOneMebibyteIsRefusedBeforeSending()
    {
        var big = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++) big[$"Data{i}"] = new string('x', 30_000);
        Assert.Throws<PayloadTooLargeException>(() => BatchLimits.Check([new TableTransactionAction(TableTransactionActionType.Add, big)]));
    }

    [Fact]
    public void BatchAcrossPartitionsIsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => BatchLimits.Check([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("b", "1"))]));
    }
}
