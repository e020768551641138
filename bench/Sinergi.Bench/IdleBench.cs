using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Workflow.Functions.Lifecycle;
using Workflow.Orchestration;

namespace Sinergi.Bench;

/// <param name="Waiting">Orchestrations waiting (each for a decision or a timer days away) in the second measure.</param>
public sealed record IdleResult(int Waiting, double Seconds, double TaskHubPerMinute, double RecordPerMinute, double EmptyTaskHubPerMinute, double EmptyRecordPerMinute);

/// <summary>
/// Storage requests per minute while nothing happens: first with no orchestration, then with many waiting. Waiting costs
/// nothing of its own (a durable timer is a hidden queue message); what is left is the polling of the queues, the same
/// for one orchestration or thousands. The app polls its dispatch queue and runs its worker, as standalone hosting does,
/// on a task hub of its own (<see cref="TaskHub"/>), so that none but these orchestrations are there.
/// </summary>
public sealed class IdleBench(BenchApp app)
{
    public const string TaskHub = "IdleBench";

    public async Task<IdleResult> RunAsync(int orchestrations, TimeSpan window)
    {
        using var client = new BenchClient(app.Url);
        var world = await client.NewWorldAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the directory's dispatch and the worker's first polls settle
        var (emptyHub, emptyRecord) = await MeasureAsync(window);

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < orchestrations) await client.CreateAsync(world);
        })));
        await WaitUntilAllLookedAsync(orchestrations);
        var (hub, record) = await MeasureAsync(window);
        Console.WriteLine($"  idle: {hub:F0} task-hub and {record:F0} record requests a minute with {orchestrations:N0} orchestrations waiting; {emptyHub:F0} and {emptyRecord:F0} with none");
        return new IdleResult(orchestrations, window.TotalSeconds, hub, record, emptyHub, emptyRecord);
    }

    private async Task<(double TaskHub, double Record)> MeasureAsync(TimeSpan window)
    {
        var (hub, record, clock) = (app.TaskHubRequests, app.StorageRequests, Stopwatch.StartNew());
        await Task.Delay(window);
        var minutes = clock.Elapsed.TotalMinutes;
        return ((app.TaskHubRequests - hub) / minutes, (app.StorageRequests - record) / minutes);
    }

    /// <summary>Until every agreement's orchestration has started and looked at its agreement once (it then waits).</summary>
    private async Task WaitUntilAllLookedAsync(int count)
    {
        var process = app.Services.GetRequiredService<DurableClientHolder>().Client!;
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var looked = 0;
            await foreach (var instance in process.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], FetchInputsAndOutputs = true }))
                if (instance.Name == AgreementLifecycle.Name && LifecycleStatus.Parse(instance.SerializedCustomStatus) is not null)
                    looked++;
            if (looked >= count) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {looked} of {count} orchestrations had looked after 10 minutes.");
            await Task.Delay(2000);
        }
    }
}
