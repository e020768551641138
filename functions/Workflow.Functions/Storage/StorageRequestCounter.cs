using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflow.Functions.Storage;

/// <summary>
/// Counts every request the agreement record's storage clients send (each retry too), for tests and the benchmark; and,
/// apart, those sent by a part of the app that says who it is (<see cref="Attribute"/>), so that work running at the
/// same moment is not counted twice.
/// </summary>
public class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<string?> CurrentPart = new();
    private readonly ConcurrentDictionary<string, long> byPart = new();
    private long count;

    public long Count => Interlocked.Read(ref count);

    /// <summary>The requests sent while attributed to that part.</summary>
    public long CountOf(string part) => byPart.GetValueOrDefault(part);

    /// <summary>Until disposed, the requests this flow sends (and whatever it awaits) are that part's too.</summary>
    public static IDisposable Attribute(string part)
    {
        var outer = CurrentPart.Value;
        CurrentPart.Value = part;
        return new Restore(outer);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        Interlocked.Increment(ref count);
        if (CurrentPart.Value is { } part) byPart.AddOrUpdate(part, 1, (_, n) => n + 1);
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => CurrentPart.Value = outer;
    }
}

/// <summary>The same for the standalone task hub's storage clients (the orchestrations' tables, queues and blobs).</summary>
public sealed class TaskHubRequestCounter : StorageRequestCounter;
