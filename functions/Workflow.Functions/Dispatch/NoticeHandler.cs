using Microsoft.Extensions.Options;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Dispatch;

/// <summary>
/// Takes one message of queue <c>dispatch</c> (from the standalone poller or the Functions queue trigger): dispatches
/// each notice in it, and queues again, hidden, the notices whose commit has not landed yet, each time twice as long,
/// until they are <c>Engine:OutboxRecoverySeconds</c> old (by then the command has failed or its process is gone).
/// </summary>
public sealed class NoticeHandler(Dispatcher dispatcher, StorageClients storage, IOptions<EngineOptions> options, ILogger<NoticeHandler> logger)
{
    public async Task<int> HandleAsync(string body, CancellationToken ct)
    {
        var (sentAt, notices) = DispatchMessage.Parse(body);
        var results = await Task.WhenAll(notices.Select(async n => (Notice: n, Result: await dispatcher.DispatchAsync(n, ct))));
        var pending = results.Where(r => r.Result.CommitPending).Select(r => r.Notice).ToList();
        if (pending.Count > 0 && sentAt is { } sent)
        {
            var age = DateTimeOffset.UtcNow - sent;
            if (age < TimeSpan.FromSeconds(options.Value.OutboxRecoverySeconds))
            {
                var again = TimeSpan.FromMilliseconds(Math.Max(options.Value.DispatchDelayMilliseconds, Math.Max(age.TotalMilliseconds, 100)));
                await storage.Dispatch.SendMessageAsync(DispatchMessage.Format(sent, pending), visibilityTimeout: again, cancellationToken: ct);
            }
            else
            {
                logger.LogInformation("No commit came for {Notices} in {Age}: the commands failed or their process stopped", string.Join(' ', pending), age);
            }
        }
        return results.Sum(r => r.Result.Rows);
    }
}
