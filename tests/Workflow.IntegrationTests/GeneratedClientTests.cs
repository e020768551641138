using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// An integrator points a generator at the served description and uses what comes out as it is: the client is generated
/// from the running app's /openapi/v1.json, compiled, and run against that app (tests/Clients/*/Program.cs says what it does).
/// The app runs as its own process on its own Azurite: a process stopped at the end holds task-hub leases for a while,
/// which would slow the other tests' orchestrations on a shared one. It runs in the main collection, one test at a time
/// with the others: its builds take both cores for a while, which the suites running beside it (the kill test) feel.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class GeneratedClientTests(GeneratedClientTests.Services services) : IClassFixture<GeneratedClientTests.Services>
{
    private static readonly string Root = AzuriteProcess.RepositoryRoot();

    public sealed class Services : IAsyncLifetime
    {
        public AzuriteProcess Azurite { get; private set; } = null!;
        public MaildevProcess Mail { get; private set; } = null!;
        public AppProcess App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Azurite = await AzuriteProcess.StartAsync();
            Mail = await MaildevProcess.StartAsync();
            var settings = SinergiFactory.ProcessSettings(Azurite.ConnectionString);
            settings["Smtp__Port"] = Mail.SmtpPort.ToString();
            App = new AppProcess(settings);
            await App.StartAsync();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Mail.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task AKiotaClientGeneratedFromTheServedDescriptionDrivesAWholeLifecycle()
    {
        var app = services.App;
        var project = Path.Combine(Root, "tests", "Clients", "KiotaLifecycle");
        await SucceedsAsync("dotnet", Root, ["kiota", "generate", "--language", "CSharp", "--openapi", $"{app.Url}/openapi/v1.json",
            "--output", Path.Combine(project, "Generated"), "--class-name", "SinergiClient", "--namespace-name", "Sinergi.Client",
            "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning"]);
        await BuildAndRunAsync(project, "KiotaLifecycle.dll", app, "The whole lifecycle went through the generated client.");
    }

    [Fact]
    public async Task AnNSwagClientGeneratedFromTheServedDescriptionDrivesTheJsonOperationsWithEnumsAsStrings()
    {
        var app = services.App;
        var project = Path.Combine(Root, "tests", "Clients", "NSwagLifecycle");
        await SucceedsAsync("dotnet", Root, ["nswag", "openapi2csclient", $"/input:{app.Url}/openapi/v1.json",
            $"/output:{Path.Combine(project, "Generated", "SinergiClient.cs")}", "/namespace:Sinergi.NSwagClient", "/className:SinergiClient",
            "/jsonLibrary:SystemTextJson", "/operationGenerationMode:SingleClientFromOperationId", "/dateType:System.DateOnly",
            "/generateOptionalParameters:true", "/generateNullableReferenceTypes:true"]);
        await BuildAndRunAsync(project, "NSwagLifecycle.dll", app, "The JSON operations went through the generated client.");
    }

    private async Task BuildAndRunAsync(string project, string assembly, AppProcess app, string finished)
    {
        await SucceedsAsync("dotnet", project, ["build", "-c", "Release", "--nologo", "-v", "quiet"]);
        var run = await SucceedsAsync("dotnet", project, [Path.Combine("bin", "Release", "net10.0", assembly), app.Url, services.Mail.WebUrl]);
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
