using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Workflow.Functions.Hosting;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

public static partial class ProcessSetup
{
    /// <summary>What both hostings share: the door commands reach orchestrations through, and the activities' code.</summary>
    public static IServiceCollection AddSinergiProcess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<ProcessOptions>().Bind(configuration.GetSection(ProcessOptions.Section))
            .Validate(o => TaskHubName().IsMatch(o.TaskHub), "Setting 'Process:TaskHub' must be 3-45 letters and digits, starting with a letter.")
            .Validate(o => o.SidecarPort is >= 0 and <= 65_535, "Setting 'Process:SidecarPort' must be 0-65535.")
            .Validate(o => o.MaxPollMilliseconds is >= 100 and <= 60_000, "Setting 'Process:MaxPollMilliseconds' must be 100-60000.")
            .Validate(o => o.VisibilityTimeoutSeconds is >= 5 and <= 3_600, "Setting 'Process:VisibilityTimeoutSeconds' must be 5-3600.")
            .Validate(o => o.SignalBackstopSeconds is >= 1 and <= 3_600, "Setting 'Process:SignalBackstopSeconds' must be 1-3600.")
            .Validate(o => o.LookAgainHours is >= 1 and <= 24 * 31, "Setting 'Process:LookAgainHours' must be 1-744.")
            .ValidateOnStart();
        services.AddSingleton<IAgreementProcess, AgreementProcess>();
        services.AddSingleton<ILifecycleActivities, LifecycleActivityHandlers>();
        services.AddSingleton<MissingProcesses>();
        if (environment.IsDevOrTesting()) services.AddSingleton<ClockMover>();
        return services;
    }

    /// <summary>Under the Functions host: the extension runs the orchestrations, and hands each function its client.</summary>
    public static IServiceCollection AddFunctionsProcess(this IServiceCollection services) => services.AddSingleton<DurableClientHolder>();

    /// <summary>
    /// Without the Functions host: the app runs its own sidecar on the task hub, and its DurableTask client and, where it
    /// runs the orchestrations (<see cref="ProcessOptions.RunsWorker"/>), its worker over it.
    /// </summary>
    public static IServiceCollection AddStandaloneProcess(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ProcessOptions.Section).Get<ProcessOptions>() ?? new ProcessOptions();
        var address = new SidecarAddress(options.SidecarPort > 0 ? options.SidecarPort : SidecarAddress.FreePort());
        services.AddSingleton(address);
        // Registered before the worker: hosted services start in order, so the sidecar listens before the worker connects.
        services.AddHostedService<ProcessSidecar>();
        if (options.RunsWorker(configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions()))
            services.AddDurableTaskWorker(b => b.UseGrpc(address.Url).AddTasks(r => r.AddAgreementLifecycle()));
        // The sidecar sends no health pings; the worker would otherwise drop and reopen its stream after two silent minutes.
        services.Configure<GrpcDurableTaskWorkerOptions>(o => o.SetSilentDisconnectTimeout(TimeSpan.Zero));
        services.AddDurableTaskClient(b => b.UseGrpc(address.Url));
        services.AddSingleton(sp => new DurableClientHolder(sp.GetRequiredService<DurableTaskClient>()));
        return services;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
