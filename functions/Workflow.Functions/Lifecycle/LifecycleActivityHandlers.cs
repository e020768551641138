using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Storage;
using Workflow.Orchestration;

namespace Workflow.Functions.Lifecycle;

/// <summary>
/// The orchestration's activities: reading the record, and its two commands on it (both do nothing the second time),
/// each answering the agreement as the process then sees it.
/// </summary>
public sealed class LifecycleActivityHandlers(AgreementStore store, AgreementEngine engine, NoticePolicy policy, TimeProvider clock, IOptions<ProcessOptions> options)
    : ILifecycleActivities
{
    /// <summary>What the activities' storage requests are counted as (<see cref="StorageRequestCounter.CountOf"/>).</summary>
    public const string CountedAs = "orchestration";

    public async Task<ProcessView> ReadAgreementAsync(LifecycleInput input, CancellationToken ct)
    {
        using var counted = StorageRequestCounter.Attribute(CountedAs);
        var now = clock.GetUtcNow();
        return await store.LoadAsync(input.AgreementId, ct) is { } stored
            ? ProcessView.Of(stored.Agreement, stored.Version, now, input.Since, policy, TimeSpan.FromHours(options.Value.LookAgainHours))
            : ProcessView.Gone(now);
    }

    public async Task<ProcessView> AskOfficialAsync(AskOfficialInput input, CancellationToken ct)
    {
        using var counted = StorageRequestCounter.Attribute(CountedAs);
        await engine.ExecuteAsSystemAsync(input.Look.AgreementId, (a, now) =>
            a.AskOfficial(input.Step.Round, input.Step.Step, CommandContext.SystemActor, now) is { } asked ? Change.Of(asked) : Change.Nothing, ct, CommandContext.Process());
        return await ReadAgreementAsync(input.Look, ct);
    }

    public async Task<ProcessView> FireTimerAsync(FireTimerInput input, CancellationToken ct)
    {
        using var counted = StorageRequestCounter.Attribute(CountedAs);
        await engine.ExecuteAsSystemAsync(input.Look.AgreementId, (a, now) =>
            new Change(a.FireTimer(input.Timer, policy, CommandContext.SystemActor, now)), ct, CommandContext.Process());
        return await ReadAgreementAsync(input.Look, ct);
    }
}
