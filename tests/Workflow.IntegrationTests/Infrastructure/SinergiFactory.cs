using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>The real app in the Testing environment, on a real Azurite. Services can be swapped to simulate faults.</summary>
public sealed class SinergiFactory(string connectionString, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, int smtpPort = 25)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";
    public const long MaxDocumentBytes = 256 * 1024;
    public const string ApprovalKey = "integration-tests-approval-link-key-0123456789";
    public const string PublicBaseUrl = "http://localhost";
    public const string ClientIp = "203.0.113.7";

    /// <summary>What the app needs in the Testing environment, as environment variables (for the app as its own process).</summary>
    public static Dictionary<string, string> ProcessSettings(string storageConnectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Storage__ConnectionString"] = storageConnectionString,
        ["Auth__DevTokens"] = "true",
        ["Auth__DevSigningKey"] = SigningKey,
        ["Email__From"] = "sinergi@sinergi.example",
        ["Smtp__Host"] = "127.0.0.1",
        ["Approvals__PublicBaseUrl"] = PublicBaseUrl,
        ["Approvals__SigningKey"] = ApprovalKey,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Process__SignalBackstopSeconds"] = "5",
    };

    /// <summary>The settings of an app process a test kills: emails to a SendGrid stand-in, quick polling.</summary>
    public static Dictionary<string, string> KilledProcessSettings(string storageConnectionString, string sendGridUrl)
    {
        var settings = ProcessSettings(storageConnectionString);
        settings["Email__Transport"] = "SendGrid";
        settings["SendGrid__ApiKey"] = "SG.killed-process-tests";
        settings["SendGrid__Host"] = sendGridUrl;
        settings["Engine__QueuePollMilliseconds"] = "50";
        settings["Process__VisibilityTimeoutSeconds"] = "5"; // a task-hub message a killed app had taken comes back after 5 s
        return settings;
    }

    /// <summary>A client as the factory's own (following redirects, keeping cookies) whose every API answer is checked
    /// against the app's description.</summary>
    public new HttpClient CreateClient() =>
        CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new DescribedResponses());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connectionString,
                ["Auth:DevTokens"] = "true",
                ["Auth:DevSigningKey"] = SigningKey,
                ["Documents:MaxBytes"] = MaxDocumentBytes.ToString(),
                ["Engine:QueuePollMilliseconds"] = "50",
                ["Engine:DispatchDelayMilliseconds"] = "50",
                // Tests run the sweep when they mean to (POST /api/dev/sweep); a periodic one would fire other tests' timers in between.
                ["Engine:SweepIntervalSeconds"] = "86400",
                ["Email:Transport"] = "Smtp",
                ["Email:From"] = "sinergi@sinergi.example",
                ["Email:RetryDelaysSeconds:0"] = "1",
                ["Email:RetryDelaysSeconds:1"] = "1",
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtpPort.ToString(),
                ["Approvals:PublicBaseUrl"] = PublicBaseUrl,
                ["Approvals:SigningKey"] = ApprovalKey,
                ["Logging:LogLevel:Default"] = "Warning",
                // A signal lost on purpose is made good within seconds, not the default half minute.
                ["Process:SignalBackstopSeconds"] = "3",
                // The in-memory test server has no request body limit to set (Kestrel's is tested on the app as a process).
                ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
            config.AddInMemoryCollection(values);
        });
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddress>());
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>The test server has no network, so no client address; give every request one, as Kestrel would.</summary>
    private sealed class ClientAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Parse(ClientIp);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
