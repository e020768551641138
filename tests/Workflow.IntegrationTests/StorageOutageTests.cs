using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Lifecycle;
using Workflow.IntegrationTests.Infrastructure;
using Workflow.Orchestration;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>Fault suite: storage goes away in the middle of a run of commands and comes back. Its own Azurite, stopped and restarted.</summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IsolatedApp app = null!;

    // A task-hub message the app had taken when storage went could not be given back: it shows again after this
    // (five minutes by default, which is fine for the service but long for a test).
    public async Task InitializeAsync() => app = await IsolatedApp.StartAsync(new Dictionary<string, string?> { ["Process:VisibilityTimeoutSeconds"] = "10" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static object Plan(string activity) => new { items = new[] { new { activity, owner = "Kasi Giatja", frequency = "bulanan", status = "Planned" } } };

    [Fact]
    public async Task StorageOutageAnswers503ThenRecoversByItselfAndLosesNothingAcknowledged()
    {
        var api = new Api(app.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var acknowledged = new List<string>();
        async Task CommandAsync(string activity, HttpStatusCode expected)
        {
            var response = await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Plan(activity));
            if (expected == HttpStatusCode.ServiceUnavailable) await Api.Problem(response, expected);
            else await Api.Json(response, expected);
            if (response.StatusCode == HttpStatusCode.OK) acknowledged.Add(activity);
        }

        for (var i = 0; i < 5; i++) await CommandAsync($"sebelum gangguan {i}", HttpStatusCode.OK);

        await app.Azurite.StopAsync();
        var clock = Stopwatch.StartNew();
        var health = await Api.Problem(await api.Send(HttpMethod.Get, "/health", null), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Coba lagi sebentar lagi.", health["detail"]!.GetValue<string>()); // not the storage client's message, which names hosts
        await CommandAsync("selama gangguan", HttpStatusCode.ServiceUnavailable);
        await Api.Problem(await api.Send(HttpMethod.Get, $"/api/agreements/{id}", w.StaffToken), HttpStatusCode.ServiceUnavailable);
        output.WriteLine($"three requests during the outage took {clock.Elapsed.TotalSeconds:0.0} s (the storage clients' retries)");

        await app.Azurite.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await api.Send(HttpMethod.Get, "/health", null)).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the app did not recover after storage came back");
            await Task.Delay(200);
        }
        for (var i = 0; i < 5; i++) await CommandAsync($"setelah gangguan {i}", HttpStatusCode.OK);

        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.True(history["verified"]!.GetValue<bool>());
        var stored = history["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "ActionPlanUpdated")
            .Select(e => e!["data"]!["items"]![0]!["activity"]!.GetValue<string>()).ToList();
        Assert.Equal(10, acknowledged.Count);
        Assert.All(acknowledged, a => Assert.Contains(a, stored));
        Assert.DoesNotContain("selama gangguan", stored);
        Assert.Equal("setelah gangguan 4", (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["actionPlan"]![0]!["activity"]!.GetValue<string>());

        // The dispatcher picked up again too: the lists show the agreement as it is now. An orchestration whose look failed
        // while storage was gone (every retry used up) looks again a minute later.
        await app.Storage.WaitForQuietAsync(id, seconds: 120);
        var listed = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Equal(id, Assert.Single(listed["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOrchestrationWhoseStartWasLostIsStartedAgain()
    {
        var api = new Api(app.Factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await app.Storage.WaitForQuietAsync(id);

        // What storage lost between a new instance's row and its start message leaves: the row, Pending, and no message.
        var client = app.Factory.Services.GetRequiredService<DurableClientHolder>().Client!;
        await client.TerminateInstanceAsync(id);
        await client.WaitForInstanceCompletionAsync(id);
        var row = (await app.Storage.Instances.GetEntityAsync<TableEntity>(id, "")).Value;
        await client.PurgeInstanceAsync(id);
        row["RuntimeStatus"] = "Pending";
        row["LastUpdatedTime"] = row["CreatedTime"] = DateTime.UtcNow;
        foreach (var field in new[] { "CustomStatus", "Output", "CompletedTime" }) row.Remove(field);
        await app.Storage.Instances.AddEntityAsync(row);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await client.GetInstanceAsync(id))!.RuntimeStatus);

        // A submission its orchestration is told of: the signal waits for a start that never comes.
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        // Lost after the visibility timeout (10 s here) and a minute more; then the signal's backstop starts it again.
        await app.Storage.WaitForQuietAsync(id, seconds: 150);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync(id))!.RuntimeStatus);
    }
}
