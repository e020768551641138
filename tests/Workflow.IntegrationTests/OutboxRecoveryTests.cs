using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Dispatch;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The process "crashes" after the commit: the hidden reminder is queued, but the notice is never shown.</summary>
internal sealed class CrashAfterCommit(IDispatchNotifier real) : IDispatchNotifier
{
    public int Lost;

    public Task<DispatchReminder> RemindLaterAsync(string agreementId, CancellationToken ct) => real.RemindLaterAsync(agreementId, ct);

    public Task NotifyNowAsync(string agreementId, DispatchReminder reminder, CancellationToken ct)
    {
        Interlocked.Increment(ref Lost);
        return Task.CompletedTask;
    }

    public Task CancelAsync(DispatchReminder reminder) => real.CancelAsync(reminder);
}

[Collection(SinergiCollection.Name)]
public sealed class OutboxRecoveryTests(SinergiFixture fixture)
{
    [Fact]
    public async Task CrashBetweenCommitAndNoticeIsDispatchedWhenTheReminderAppears()
    {
        CrashAfterCommit? crash = null;
        await using var crashing = new SinergiFactory(fixture.Azurite.ConnectionString,
            services => services.AddSingleton<IDispatchNotifier>(sp => crash = new CrashAfterCommit(ActivatorUtilities.CreateInstance<QueueDispatchNotifier>(sp))),
            new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false", ["Engine:OutboxRecoverySeconds"] = "4" });
        var api = new Api(crashing.CreateClient());
        var w = await api.NewWorldAsync();

        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        Assert.Equal(1, crash!.Lost);
        Assert.NotEmpty(await fixture.Storage.OutboxAsync(id));
        var listed = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Empty(listed["items"]!.AsArray());

        // Seconds later the reminder appears in the queue, and the main app's dispatcher delivers the outbox.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fixture.Storage.OutboxAsync(id)).Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Empty(await fixture.Storage.OutboxAsync(id));
        var after = await fixture.Api().GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(after["items"]!.AsArray())!["id"]!.GetValue<string>());
    }
}

public sealed class DispatchNoticeTests : IAsyncLifetime
{
    private IsolatedApp app = null!;

    public async Task InitializeAsync() =>
        app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EachCommitLeavesOneNoticeAndARefusedOneLeavesNone()
    {
        // Nothing consumes the queue here, so every notice stays countable (hidden ones too).
        var queue = new Azure.Storage.Queues.QueueClient(app.Azurite.ConnectionString, Workflow.Functions.Storage.StorageClients.DispatchQueue);
        async Task<int> Notices() => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var api = new Api(app.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        const string official = "hukum@kanwil-kaltim.go.id";
        var officialToken = await api.OfficialTokenAsync(official);
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), System.Net.HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official)), System.Net.HttpStatusCode.OK);
        Assert.Equal(3, await Notices());

        for (var race = 0; race < 5; race++)
        {
            var before = await Notices();
            var round = race + 1;
            var responses = await Task.WhenAll(
                api.DecideAsync(id, officialToken, round, 1, "revise", "satu"),
                api.DecideAsync(id, officialToken, round, 1, "revise", "dua"));
            Assert.Single(responses, r => r.StatusCode == System.Net.HttpStatusCode.OK);
            Assert.Equal(before + 1, await Notices());
            await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), System.Net.HttpStatusCode.Created);
            await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official)), System.Net.HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task TheSweepPutsANoticeThatFailedTooOftenBackInLine()
    {
        var poison = new Azure.Storage.Queues.QueueClient(app.Azurite.ConnectionString, Workflow.Functions.Storage.StorageClients.DispatchPoisonQueue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var queue = new Azure.Storage.Queues.QueueClient(app.Azurite.ConnectionString, Workflow.Functions.Storage.StorageClients.DispatchQueue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await queue.ClearMessagesAsync();
        await poison.SendMessageAsync("agr-set-aside");

        await new Api(app.Factory.CreateClient()).SweepAsync();

        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var back = Assert.Single((await queue.ReceiveMessagesAsync(10)).Value);
        Assert.Equal("agr-set-aside", back.Body.ToString());
    }
}
