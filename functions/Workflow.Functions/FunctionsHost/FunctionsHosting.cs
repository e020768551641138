using Workflow.Functions.Hosting;

namespace Workflow.Functions.FunctionsHost;

/// <summary>
/// Under the Azure Functions host the app is a custom handler: it listens on the port the host gives
/// (loopback only: the host is the one caller), answers the host's trigger invocations, and runs none of its own loops.
/// </summary>
public static class FunctionsHosting
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsUnderFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortSetting]);

    public static WebApplicationBuilder UseFunctionsHostWhenPresent(this WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable(PortSetting) is { Length: > 0 } port)
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // Read when options are first used, so configuration from any source (tests too) decides.
        builder.Services.PostConfigure<EngineOptions>(o =>
        {
            if (IsUnderFunctionsHost(builder.Configuration)) o.RunBackgroundLoops = false;
        });
        return builder;
    }
}
