using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// An integrator points a generator at the served description and uses what comes out as it is: the client is generated
/// from the running app's /openapi/v1.json, compiled, and run against that app (tests/Clients/*/Program.cs says what it does).
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class GeneratedClientTests(SinergiFixture fixture)
{
    private static readonly string Root = AzuriteProcess.RepositoryRoot();

    [Fact]
    public async Task AKiotaClientGeneratedFromTheServedDescriptionDrivesAWholeLifecycle()
    {
        await using var app = await StartAppAsync();
        var project = Path.Combine(Root, "tests", "Clients", "KiotaLifecycle");
        await SucceedsAsync("dotnet", Root, ["kiota", "generate", "--language", "CSharp", "--openapi", $"{app.Url}/openapi/v1.json",
            "--output", Path.Combine(project, "Generated"), "--class-name", "SinergiClient", "--namespace-name", "Sinergi.Client",
            "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning"]);
        await BuildAndRunAsync(project, "KiotaLifecycle.dll", app, "The whole lifecycle went through the generated client.");
    }

    [Fact]
    public async Task AnNSwagClientGeneratedFromTheServedDescriptionDrivesTheJsonOperationsWithEnumsAsStrings()
    {
        await using var app = await StartAppAsync();
        var project = Path.Combine(Root, "tests", "Clients", "NSwagLifecycle");
        await SucceedsAsync("dotnet", Root, ["nswag", "openapi2csclient", $"/input:{app.Url}/openapi/v1.json",
            $"/output:{Path.Combine(project, "Generated", "SinergiClient.cs")}", "/namespace:Sinergi.NSwagClient", "/className:SinergiClient",
            "/jsonLibrary:SystemTextJson", "/operationGenerationMode:SingleClientFromOperationId", "/dateType:System.DateOnly",
            "/generateOptionalParameters:true", "/generateNullableReferenceTypes:true"]);
        await BuildAndRunAsync(project, "NSwagLifecycle.dll", app, "The JSON operations went through the generated client.");
    }

    private async Task<AppProcess> StartAppAsync()
    {
        var settings = SinergiFactory.ProcessSettings(fixture.Azurite.ConnectionString);
        settings["Smtp__Port"] = fixture.Mail.SmtpPort.ToString();
        var app = new AppProcess(settings);
        await app.StartAsync();
        return app;
    }

    private async Task BuildAndRunAsync(string project, string assembly, AppProcess app, string finished)
    {
        await SucceedsAsync("dotnet", project, ["build", "-c", "Release", "--nologo", "-v", "quiet"]);
        var run = await SucceedsAsync("dotnet", project, [Path.Combine("bin", "Release", "net10.0", assembly), app.Url, fixture.Mail.WebUrl]);
        Assert.Contains(finished, run.Output);
    }

    private static async Task<CommandResult> SucceedsAsync(string program, string directory, string[] arguments)
    {
        // Kiota asks GitHub for a newer version unless told not to; there is no internet here.
        var result = await CommandLine.RunAsync(program, directory, arguments, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["KIOTA_UPDATE_CHECK_DISABLED"] = "true", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {result}");
        return result;
    }
}
