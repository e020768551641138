using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The app as its own process, killed (SIGKILL) while an agreement's orchestration waits: for an official's decision,
/// then for a reminder. Started again, the orchestration goes on from the task hub: nothing is lost, nobody is e-mailed twice.
/// </summary>
public sealed class ProcessRestartTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
    private AzuriteProcess azurite = null!;
    private FakeSendGrid sendGrid = null!;
    private AppProcess app = null!;
    private StorageProbe storage = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        storage = new StorageProbe(new TableServiceClient(azurite.ConnectionString), new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString));
        sendGrid = await FakeSendGrid.StartAsync();
        app = new AppProcess(SinergiFactory.KilledProcessSettings(azurite.ConnectionString, sendGrid.Url));
        await app.StartAsync(ClockAt(Start));
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await sendGrid.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private static Dictionary<string, string> ClockAt(DateTimeOffset at) => new() { ["Dev__ClockStartsAt"] = at.ToString("O") };

    private Api Client() => new(new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(90) });

    private int SentTo(string email, string subjectStart) => sendGrid.Requests.Count(r => r.AnsweredWith == 202
        && r.Body["personalizations"]![0]!["to"]!.AsArray().Any(t => t!["email"]!.GetValue<string>() == email)
        && (r.Body["subject"] ?? r.Body["personalizations"]![0]!["subject"])!.GetValue<string>().StartsWith(subjectStart, StringComparison.Ordinal));

    private async Task RestartAsync(DateTimeOffset clock)
    {
        await app.KillAsync();
        await app.StartAsync(ClockAt(clock));
    }

    [Fact]
    public async Task AnOrchestrationKilledWhileWaitingForADecisionOrAReminderGoesOnAfterARestart()
    {
        var api = Client();
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string[] officials = [$"hukum-{tag}@kanwil-kaltim.example", $"mitra-{tag}@bontang.example"];
        await Api.Json(
            await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(officials)), HttpStatusCode.OK);
        await sendGrid.WaitForAsync(_ => SentTo(officials[0], "[Sinergi] Mohon keputusan") == 1);
        await storage.WaitForQuietAsync(id);

        // Killed while it waits for the first official; the decision is recorded by the app started again.
        await RestartAsync(Start.AddHours(1));
        api = Client();
        await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync(officials[0]), 1, 1, "approve"), HttpStatusCode.OK);
        await sendGrid.WaitForAsync(_ => SentTo(officials[1], "[Sinergi] Mohon keputusan") == 1, seconds: 60);
        await storage.WaitForQuietAsync(id, seconds: 60);

        // Killed while it waits for the second official's reminder (half of five days); started again past it.
        await RestartAsync(Start.AddDays(3));
        api = Client();
        await api.Http.PutAsJsonAsync("/api/dev/clock", new { utcNow = Start.AddDays(3) });
        await sendGrid.WaitForAsync(_ => SentTo(officials[1], "[Sinergi] Pengingat") == 1, seconds: 60);
        await storage.WaitForQuietAsync(id, seconds: 60);
        await RestartAsync(Start.AddDays(3).AddMinutes(5));
        await Client().Http.PutAsJsonAsync("/api/dev/clock", new { utcNow = Start.AddDays(3).AddMinutes(5) });
        await storage.WaitForQuietAsync(id, seconds: 60);
        await Task.Delay(1000);

        Assert.Equal(1, SentTo(officials[0], "[Sinergi] Mohon keputusan"));
        Assert.Equal(1, SentTo(officials[1], "[Sinergi] Mohon keputusan"));
        Assert.Equal(1, SentTo(officials[1], "[Sinergi] Pengingat"));
        var history = await Client().GetAsync($"/api/agreements/{id}/history", await api.AdminTokenAsync());
        Assert.Equal(["AgreementCreated", "DraftUploaded", "ReviewSubmitted", "DecisionRequested", "ReviewStepDecided", "DecisionRequested", "ReviewReminderDue"],
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }
}
