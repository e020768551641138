using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// Tells the dispatcher that an agreement is about to have outbox rows. The notice is queued before the commit,
/// hidden for a moment, and names the version the command started from; the dispatcher that takes it knows from
/// the state's version whether the commit has landed (and dispatches it), or not yet (and looks again later).
/// So a crash at any point loses nothing, one queue message serves the commit, and nothing has to scan the table.
/// </summary>
public interface IDispatchNotifier
{
    /// <summary>Before the commit. Throws when the queue cannot be reached, so that nothing is committed without its notice.</summary>
    Task NoticeAsync(string agreementId, int versionBefore, CancellationToken ct);
}

/// <summary>Notices of the commands of the same moment travel together in one queue message (see <see cref="QueueMessageBatcher"/>).</summary>
public sealed class QueueDispatchNotifier(StorageClients storage, IOptions<EngineOptions> options) : IDispatchNotifier
{
    private readonly QueueMessageBatcher batcher = new(storage, TimeSpan.FromMilliseconds(options.Value.DispatchDelayMilliseconds));

    public Task NoticeAsync(string agreementId, int versionBefore, CancellationToken ct) =>
        batcher.SendAsync(new DispatchNotice(agreementId, versionBefore)).WaitAsync(ct);
}
