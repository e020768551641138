using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The description a client generator reads: linted by Spectral, and carrying what a generated client needs.</summary>
[Collection(SinergiCollection.Name)]
public sealed class ApiDescriptionTests(SinergiFixture fixture)
{
    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await fixture.Api().Http.GetStringAsync("/openapi/v1.json"))!;

    [Fact]
    public async Task TheDescriptionPassesSpectralsRecommendedRulesWithNoError()
    {
        // Kept beside the test output, for a person to read.
        var root = AzuriteProcess.RepositoryRoot();
        var file = Path.Combine(root, ".test-data", "openapi.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, (await DocumentAsync()).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var spectral = await CommandLine.RunAsync("node", root,
            [Path.Combine(root, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js"), "lint", file,
             "--ruleset", Path.Combine(root, ".spectral.yaml"), "--format", "json", "--fail-severity", "error", "--quiet"], TimeSpan.FromMinutes(3));
        var output = spectral.Output;
        var results = output.Trim().Length == 0 ? [] : JsonNode.Parse(output)!.AsArray();
        // Severity 0 is an error; warnings (a missing contact, operation descriptions) are not counted.
        var found = results.Where(r => r!["severity"]!.GetValue<int>() == 0).Select(r => $"{r!["code"]}: {r["message"]} at {r["path"]}").ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.True(spectral.ExitCode == 0, $"spectral: {spectral}");
    }

    [Fact]
    public async Task EveryUploadNamesItsPartsWithTheirTypesAndSendsItsJsonPartsAsJson()
    {
        var doc = await DocumentAsync();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        JsonObject Multipart(string path) => doc["paths"]![path]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!.AsObject();
        JsonObject Parts(JsonObject multipart) =>
            (multipart["schema"]!["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]! : multipart["schema"]!)["properties"]!.AsObject();
        string? Encoding(JsonObject multipart, string part) => multipart["encoding"]?[part]?["contentType"]?.GetValue<string>();
        bool IsFile(JsonNode part) => part["$ref"]?.GetValue<string>() is { } r ? schemas[r.Split('/')[^1]]!["format"]!.GetValue<string>() == "binary" : part["format"]?.GetValue<string>() == "binary";

        var draft = Multipart("/api/agreements/{id}/drafts");
        Assert.Equal(["file", "note"], Parts(draft).Select(p => p.Key).Order());
        Assert.True(IsFile(Parts(draft)["file"]!));

        var signing = Multipart("/api/agreements/{id}/signing");
        Assert.True(IsFile(Parts(signing)["file"]!));
        Assert.Equal("date", Parts(signing)["signedOn"]!["format"]!.GetValue<string>());
        Assert.Equal("application/json", Encoding(signing, "signatories"));

        var import = Multipart("/api/agreements/import");
        Assert.Equal(["agreement", "file"], Parts(import).Select(p => p.Key));
        Assert.Equal("application/json", Encoding(import, "agreement"));

        var evaluation = Multipart("/api/agreements/{id}/evaluations");
        Assert.Equal(["evaluation", "file"], Parts(evaluation).Select(p => p.Key).Order());
        Assert.Equal("application/json", Encoding(evaluation, "evaluation"));
        Assert.NotNull(doc["paths"]!["/api/agreements/{id}/evaluations"]!["post"]!["requestBody"]!["content"]!["application/json"]);
    }

    [Fact]
    public async Task RequiredFieldsAreTheOnesTheValidationRequiresAndHaveAValue()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        IEnumerable<string> Required(string schema) => schemas[schema]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Order();
        JsonNode Property(string schema, string name) => schemas[schema]!["properties"]![name]!;

        Assert.Equal(["institutionId", "kind", "partnerId", "purpose", "scope", "title", "validityMonths"], Required("CreateAgreementRequest"));
        Assert.Equal("#/components/schemas/AgreementKind", Property("CreateAgreementRequest", "kind")["$ref"]?.GetValue<string>());
        Assert.Equal("string", Property("CreateAgreementRequest", "title")["type"]!.GetValue<string>());
        Assert.Contains("null", Property("CreateAgreementRequest", "parentAgreementId")["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["decision", "round", "step"], Required("DecisionRequest"));
        Assert.Equal(["name", "position"], Required("PersonInput"));
        Assert.Equal(["daysAllowed", "email", "name", "role"], Required("ReviewStepInput"));
        Assert.Equal(["file"], Required("DraftUploadForm"));
        Assert.Equal(["activity", "owner", "status"], Required("ActionItemInput"));
        Assert.Equal(["headEmail", "headName", "id", "kind", "name", "regionId", "timeZone"], Required("InstitutionRequest"));
        Assert.Equal(["institutionId", "kind", "partnerId", "place", "purpose", "scope", "signatories", "signedOn", "title", "validityMonths"],
            Required("ImportAgreementRequest"));

        // In answers, what may be null says so: a closed round has no current step, an undecided step no decision.
        foreach (var (schema, name) in new[] { ("ReviewRound", "currentStep"), ("ReviewStep", "decision") })
            Assert.Contains(Property(schema, name)["oneOf"]!.AsArray(), s => s!["type"]?.GetValue<string>() == "null");
        Assert.DoesNotContain(schemas["ReviewDecision"]!["enum"]!.AsArray(), v => v is null);
    }

    [Fact]
    public async Task TheValidationsLimitsAreSchemaConstraintsAndTheListsQueryIsTyped()
    {
        var doc = await DocumentAsync();
        var schemas = doc["components"]!["schemas"]!.AsObject();
        JsonNode Property(string schema, string name) => schemas[schema]!["properties"]![name]!;
        string Text(JsonNode? node) => node?.ToJsonString().Trim('"') ?? "";

        Assert.Equal(("12", "60"), (Text(Property("CreateAgreementRequest", "validityMonths")["minimum"]), Text(Property("CreateAgreementRequest", "validityMonths")["maximum"])));
        Assert.Equal(("12", "60"), (Text(Property("RenewalRequest", "validityMonths")["minimum"]), Text(Property("RenewalRequest", "validityMonths")["maximum"])));
        Assert.Equal(("1", "10"), (Text(Property("ReviewRequest", "steps")["minItems"]), Text(Property("ReviewRequest", "steps")["maxItems"])));
        Assert.Equal("email", Text(Property("ReviewStepInput", "email")["format"]));
        Assert.Equal(("1", "5"), (Text(Property("ItemScoreInput", "score")["minimum"]), Text(Property("ItemScoreInput", "score")["maximum"])));
        Assert.False(string.IsNullOrEmpty(Text(Property("CreateAgreementRequest", "institutionId")["pattern"])));

        var list = doc["paths"]!["/api/agreements"]!["get"]!;
        var parameters = list["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]!);
        Assert.Contains("InReview", parameters["status"]["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("date", Text(parameters["expiresBefore"]["format"]));
        Assert.Equal("500", Text(parameters["pageSize"]["maximum"]));
        Assert.Contains("projection", list["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryOperationHasANameASummaryAndItsSecurityAndEnumsAreStrings()
    {
        var doc = await DocumentAsync();
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!))).ToList();
        Assert.True(operations.Count >= 28, $"only {operations.Count} operations");
        var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z]+$", id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{o.Method} {o.Path}"));

        Assert.Equal("bearer", doc["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        foreach (var (path, method, operation) in operations.Where(o => o.Path.StartsWith("/api/agreements", StringComparison.Ordinal)))
        {
            Assert.NotNull(operation["security"]);
            Assert.Equal("#/components/schemas/ProblemDetails",
                operation["responses"]!["401"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
            if (method is "post" or "put")
                Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");
        }
        Assert.Null(doc["paths"]!["/health"]!["get"]!["security"]);
        Assert.NotNull(doc["paths"]!["/api/agreements"]!["post"]!["responses"]!["201"]!["headers"]!["Location"]);

        var schemas = doc["components"]!["schemas"]!.AsObject();
        foreach (var name in new[] { "AgreementKind", "AgreementStatus", "ProgramArea", "ReviewerRole", "ReviewDecision", "PartnerKind" })
            Assert.Equal("string", schemas[name]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryHistoryEventHasItsOwnSchemaChosenByItsType()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        var events = schemas["AgreementEvent"]!;
        Assert.Equal("type", events["discriminator"]!["propertyName"]!.GetValue<string>());
        var mapping = events["discriminator"]!["mapping"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<string>());
        var types = typeof(Workflow.Core.AgreementEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Workflow.Core.AgreementEvent))).Select(t => t.Name).Order();
        Assert.Equal(types, mapping.Keys.Order());
        Assert.Equal(types, events["properties"]!["type"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        Assert.Contains("type", events["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        foreach (var (type, reference) in mapping)
        {
            // Each kind is the base and its own fields, as generators read inheritance.
            var kind = schemas[reference.Split('/')[^1]]!;
            Assert.Equal("#/components/schemas/AgreementEvent", kind["allOf"]![0]!["$ref"]!.GetValue<string>());
        }
        var decided = schemas["ReviewStepDecided"]!["allOf"]![1]!;
        Assert.Equal("#/components/schemas/ReviewDecision", decided["properties"]!["decision"]!["$ref"]!.GetValue<string>());
        Assert.Contains("roundOutcome", decided["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("#/components/schemas/AgreementEvent",
            schemas["HistoryEntry"]!["properties"]!["data"]!["oneOf"]!.AsArray().Single(s => s!["$ref"] is not null)!["$ref"]!.GetValue<string>());
    }
}
