using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflow.Functions.Storage;

/// <summary>Counts every request the agreement record's storage clients send (each retry too), for tests and the benchmark.</summary>
public class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
}

/// <summary>The same for the standalone task hub's storage clients (the orchestrations' tables, queues and blobs).</summary>
public sealed class TaskHubRequestCounter : StorageRequestCounter;
