using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>The real app in the Testing environment, on a real Azurite. Services can be swapped to simulate faults.</summary>
public sealed class SinergiFactory(string connectionString, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";
    public const long MaxDocumentBytes = 256 * 1024;

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
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
            config.AddInMemoryCollection(values);
        });
        if (services is not null) builder.ConfigureServices(services);
    }
}
