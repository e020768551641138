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
    [InlineData("Engine__DispatchLeaseSeconds", "0", "Engine:DispatchLeaseSeconds")]
    [InlineData("Dev__ClockStartsAt", "kemarin", "Dev:ClockStartsAt")]
    public async Task MissingOrBadSettingStopsTheAppNamingIt(string key, string value, string named)
    {
        var settings = SinergiFactory.ProcessSettings(fixture.Azurite.ConnectionString);
        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        settings["Engine__RunBackgroundLoops"] = "false";
        settings[key] = value;
        var info = AppProcess.StartInfo(settings);
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
    public void PropertyOverSixtyFourKibibytesIsRefusedBeforeSending()
    {
        Assert.Throws<PayloadTooLargeException>(() => BatchLimits.Check([new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity("p", "r") { ["Payload"] = new string('x', 32 * 1024 + 1) })]));
        BatchLimits.Check([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r") { ["Payload"] = new string('x', 32 * 1024) })]);
    }

    [Fact]
    public void LongTextSpreadsOverRowsAndReadsBackWhole()
    {
        var text = string.Concat(Enumerable.Range(0, 400_000).Select(i => (char)('a' + i % 26))) + "ꦲꦤꦕꦫꦏ"; // and a script of several bytes a letter
        var first = new TableEntity("p", "state");
        var more = LargeText.WriteSpread(first, "Snapshot", text, n => new TableEntity("p", $"state-{n:D2}"));
        Assert.Empty(more); // 400 KB of Latin text is one row
        var large = text + new string('z', 1_500_000);
        more = LargeText.WriteSpread(first = new TableEntity("p", "state"), "Snapshot", large, n => new TableEntity("p", $"state-{n:D2}"));
        Assert.Equal(LargeText.Rows((int)first.GetInt32("SnapshotParts")!) - 1, more.Count);
        Assert.All(more.Prepend(first), row => Assert.True(BatchLimits.EntityBytes(row) < BatchLimits.MaxEntityBytes));
        Assert.Equal(large, LargeText.Read([first, .. more], "Snapshot"));
    }

    [Fact]
    public void BatchAcrossPartitionsIsAProgrammingError()
    {
        Assert.Throws<InvalidOperationException>(() => BatchLimits.Check([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("b", "1"))]));
    }
}
