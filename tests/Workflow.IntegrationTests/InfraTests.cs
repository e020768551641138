using System.Reflection;
using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>infra/ builds and lints clean with the Bicep CLI from its NuGet package (Azure.Bicep.CommandLine.linux-x64).</summary>
public sealed class InfraTests
{
    private static readonly string Infra = Path.Combine(AzuriteProcess.RepositoryRoot(), "infra");

    private static string Bicep()
    {
        var package = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackagePath").Value!;
        var path = Path.Combine(package, "tools", "bicep");
        Assert.True(File.Exists(path), $"Bicep CLI not found at {path}");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (code, output, errors) = CommandLine.RunAsync(Bicep(), Infra, args, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["BICEP_TELEMETRY_ENABLED"] = "false" }).GetAwaiter().GetResult();
        return (code, output, errors);
    }

    [Fact]
    public void MainBicepBuildsWithoutWarnings()
    {
        var (code, output, errors) = Run("build", "main.bicep", "--stdout");
        Assert.True(code == 0, errors);
        Assert.DoesNotContain("Warning", errors);
        var template = JsonNode.Parse(output)!;
        var text = template.ToJsonString();
        Assert.Contains("FlexConsumption", text);
        Assert.Contains("\"allowSharedKeyAccess\":false", text);
        Assert.Contains("Microsoft.KeyVault/vaults", text);
        Assert.Contains("Microsoft.Insights/components", text);
        Assert.Contains("\"name\":\"dotnet-isolated\"", text);
        Assert.Contains("AzureWebJobsStorage__credential", text);
        Assert.DoesNotContain("AzureWebJobsStorage\":", text); // no connection string, no key
    }

    [Fact]
    public void AzdDeploysTheFunctionAppAsAServiceWithoutAnUploadHook()
    {
        var yaml = File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "azure.yaml"));
        Assert.Contains("host: function", yaml);
        Assert.Contains("project: functions/Workflow.Functions", yaml);
        Assert.DoesNotContain("hooks:", yaml);
        var app = File.ReadAllText(Path.Combine(Infra, "modules", "functionapp.bicep"));
        Assert.Contains("'azd-service-name': 'sinergi'", app);
    }

    [Fact]
    public void MainBicepLintsClean()
    {
        var (code, output, errors) = Run("lint", "main.bicep");
        Assert.True(code == 0, output + errors);
        Assert.DoesNotContain("Warning", output + errors);
        Assert.DoesNotContain("Error", output + errors);
    }
}
