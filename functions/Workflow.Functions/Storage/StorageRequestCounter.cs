using Azure.Core;
using Azure.Core.Pipeline;

namespace Workflow.Functions.Storage;

/// <summary>Counts every request the storage clients send (each retry too), for tests and the benchmark.</summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref count);
}
