using Microsoft.Extensions.Options;

namespace Workflow.Functions.Hosting;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    /// <summary>A connection string (Azurite locally). In Azure, leave it empty and give the service URIs (managed identity).</summary>
    public string? ConnectionString { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
}

public sealed class DocumentOptions
{
    public const string Section = "Documents";
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;
}

public sealed class AuthOptions
{
    public const string Section = "Auth";
    /// <summary>Development and Testing only: tokens from POST /api/dev/token, signed with <see cref="DevSigningKey"/>.</summary>
    public bool DevTokens { get; set; }
    public string? DevSigningKey { get; set; }
    public string? Authority { get; set; }
    public string? Audience { get; set; }
    /// <summary>Pages trust App Service Authentication's X-MS-CLIENT-PRINCIPAL (only where Easy Auth is in front of the app).</summary>
    public bool AppServiceAuthentication { get; set; }
}

public sealed class EngineOptions
{
    public const string Section = "Engine";
    /// <summary>Standalone mode runs its own queue poller, sweep and orchestration worker; under the Functions host they are triggers and the Durable Task extension instead.</summary>
    public bool RunBackgroundLoops { get; set; } = true;
    public int QueuePollMilliseconds { get; set; } = 200;
    public int SweepIntervalSeconds { get; set; } = 60;
    /// <summary>A command's dispatch notice, queued before its commit, stays hidden this long: the commit lands meanwhile.</summary>
    public int DispatchDelayMilliseconds { get; set; } = 200;
    /// <summary>A notice whose commit has not landed (slow, refused, or its process died) is looked at again until it is this old.</summary>
    public int OutboxRecoverySeconds { get; set; } = 300;
    /// <summary>How long a dispatcher holds a notice, and an email it is sending; after a crash, both are taken up again when this has passed.</summary>
    public int DispatchLeaseSeconds { get; set; } = 120;
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions o) =>
        !string.IsNullOrWhiteSpace(o.ConnectionString) || (o.TableServiceUri is not null && o.BlobServiceUri is not null && o.QueueServiceUri is not null)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Setting 'Storage:ConnectionString' is missing (or give all of 'Storage:TableServiceUri', 'Storage:BlobServiceUri' and 'Storage:QueueServiceUri').");
}

internal sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions o) =>
        o.MaxBytes is >= 1024 and <= 1L << 32
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Setting 'Documents:MaxBytes' must be between 1024 and 4294967296.");
}

internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions o)
    {
        if (o.DevTokens)
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
                return ValidateOptionsResult.Fail("Setting 'Auth:DevTokens' may be true only in the Development or Testing environment.");
            return o.DevSigningKey is { Length: >= 32 }
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Setting 'Auth:DevSigningKey' is missing or shorter than 32 characters.");
        }
        if (string.IsNullOrWhiteSpace(o.Authority)) return ValidateOptionsResult.Fail("Setting 'Auth:Authority' is missing (the Entra ID issuer).");
        if (string.IsNullOrWhiteSpace(o.Audience)) return ValidateOptionsResult.Fail("Setting 'Auth:Audience' is missing.");
        return ValidateOptionsResult.Success;
    }
}

public static class OptionsSetup
{
    public static IServiceCollection AddSinergiOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section)).ValidateOnStart();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section))
            .Validate(o => o.OutboxRecoverySeconds is >= 1 and <= 86_400, "Setting 'Engine:OutboxRecoverySeconds' must be 1-86400.")
            .Validate(o => o.DispatchDelayMilliseconds is >= 0 and <= 60_000, "Setting 'Engine:DispatchDelayMilliseconds' must be 0-60000.")
            .Validate(o => o.DispatchLeaseSeconds is >= 1 and <= 600, "Setting 'Engine:DispatchLeaseSeconds' must be 1-600.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        return services;
    }

    public static bool IsDevOrTesting(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
