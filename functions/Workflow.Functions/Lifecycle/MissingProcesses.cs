using Azure.Data.Tables;
using Workflow.Functions.Agreements;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Lifecycle;

/// <summary>
/// Gives every agreement that has not ended a running orchestration: those recorded before there were any, those whose
/// orchestration failed or was ended to make way for a new version of it.
/// </summary>
public sealed class MissingProcesses(StorageClients storage, AgreementStore store, IAgreementProcess process)
{
    /// <returns>How many agreements were looked at and have a process now.</returns>
    public async Task<int> StartAsync(CancellationToken ct)
    {
        var count = 0;
        await foreach (var state in storage.Agreements.QueryAsync<TableEntity>(r => r.RowKey == AgreementStore.StateRow, select: ["PartitionKey"], cancellationToken: ct))
        {
            if (await store.LoadAsync(state.PartitionKey, ct) is not { Agreement.HasEnded: false }) continue;
            await process.StartAsync(state.PartitionKey, DateTimeOffset.UtcNow, ct); // the task hub's time, which is real
            count++;
        }
        return count;
    }
}
