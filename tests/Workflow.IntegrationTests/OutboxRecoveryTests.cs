using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Dispatch;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The commit lands well after its notice went out: as when storage is slow, or the process pauses in between.</summary>
internal sealed class SlowCommit(IDispatchNotifier real, TimeSpan delay) : IDispatchNotifier
{
    public async Task NoticeAsync(string agreementId, int versionBefore, CancellationToken ct)
    {
        await real.NoticeAsync(agreementId, versionBefore, ct);
        await Task.Delay(delay, ct);
    }
}

[Collection(SinergiCollection.Name)]
public sealed class OutboxRecoveryTests(SinergiFixture fixture)
{
    [Fact]
    public async Task ANoticeThatCameBeforeItsCommitWaitsForIt()
    {
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await fixture.Storage.WaitForQuietAsync(id);

        // Another instance: its notice is visible after 50 ms, its commit comes 2 s later. The main app's dispatcher
        // takes the notice, finds the commit has not landed, and looks again until it has.
        await using var slow = new SinergiFactory(fixture.Azurite.ConnectionString,
            services => services.AddSingleton<IDispatchNotifier>(sp => new SlowCommit(ActivatorUtilities.CreateInstance<QueueDispatchNotifier>(sp), TimeSpan.FromSeconds(2))),
            new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false", ["Engine:DispatchDelayMilliseconds"] = "50" });
        var slowApi = new Api(slow.CreateClient());
        await Api.Json(await slowApi.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil-kaltim.go.id")), HttpStatusCode.OK);

        await fixture.Storage.WaitForQuietAsync(id, seconds: 30);
        var inReview = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}&status=InReview", w.StaffToken);
        Assert.Equal(id, Assert.Single(inReview["items"]!.AsArray())!["id"]!.GetValue<string>());
    }
}

public sealed class DispatchNoticeTests : IAsyncLifetime
{
    private IsolatedApp app = null!;

    public async Task InitializeAsync() =>
        app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Engine:RunBackgroundLoops"] = "false" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task NoticesOfTheSameMomentShareAQueueMessage()
    {
        // Nothing consumes the queue here, so every notice stays to be read.
        var queue = new Azure.Storage.Queues.QueueClient(app.Azurite.ConnectionString, Workflow.Functions.Storage.StorageClients.DispatchQueue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        var api = new Api(app.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++) ids.Add((await api.CreateAsync(w))["id"]!.GetValue<string>());
        await queue.ClearMessagesAsync();

        var answers = await Task.WhenAll(ids.Select(id => api.UploadDraftAsync(id, w.StaffToken)));
        Assert.All(answers, a => Assert.Equal(System.Net.HttpStatusCode.Created, a.StatusCode));

        await Task.Delay(1000); // notices stay hidden a moment, so that their commits land first
        var bodies = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.InRange(bodies.Count, 1, 19);
        var notices = bodies.SelectMany(b => Workflow.Functions.Dispatch.DispatchMessage.Parse(b).Notices).ToList();
        // Each names its agreement and the version its command started from (1: just created).
        Assert.Equal(ids.Order(), notices.Select(n => n.AgreementId).Order());
        Assert.All(notices, n => Assert.Equal(1, n.VersionBefore));
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
