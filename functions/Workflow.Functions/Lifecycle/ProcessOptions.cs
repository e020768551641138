using Workflow.Functions.Hosting;

namespace Workflow.Functions.Lifecycle;

/// <summary>
/// The agreements' orchestrations. Under the Functions host the Durable Task extension runs them (host.json: task hub
/// "SinergiHub", storage AzureWebJobsStorage); standalone the app runs them itself over a local sidecar, with these.
/// </summary>
public sealed class ProcessOptions
{
    public const string Section = "Process";
    /// <summary>The task hub (standalone; the same name as host.json's, so both hostings share one layout).</summary>
    public string TaskHub { get; set; } = "SinergiHub";
    /// <summary>
    /// Standalone: this instance runs the orchestrations (the sidecar takes one worker, so one instance per task hub);
    /// unset, it does where it runs its background work (<c>Engine:RunBackgroundLoops</c>). Else it only starts and signals them.
    /// </summary>
    public bool? RunWorker { get; set; }

    public bool RunsWorker(EngineOptions engine) => RunWorker ?? engine.RunBackgroundLoops;

    /// <summary>Standalone: the loopback port of the local sidecar; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }
    /// <summary>Standalone: the longest an idle task hub waits between looks at its queues (the host's maxQueuePollingInterval).</summary>
    public int MaxPollMilliseconds { get; set; } = 500;
    /// <summary>
    /// Standalone: how long a task-hub message an instance took stays hidden from the others; one taken by an instance that
    /// crashed is worked on again after this (the host's controlQueueVisibilityTimeout and workItemQueueVisibilityTimeout).
    /// </summary>
    public int VisibilityTimeoutSeconds { get; set; } = 300;
    /// <summary>
    /// A command signals the agreement's orchestration at once, and its outbox again after this long unless the
    /// orchestration has looked at the change by then (a signal lost when the app died right after the commit).
    /// </summary>
    public int SignalBackstopSeconds { get; set; } = 30;
    /// <summary>An orchestration looks at its agreement at least this often, even with no signal and no timer due.</summary>
    public int LookAgainHours { get; set; } = 24;
}
