using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Workflow.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>
/// The app runs as its own process and is killed (SIGKILL) at random moments while agreements go through their whole
/// lifecycle, three at a time, and started again at once. The client retries each request with its Idempotency-Key
/// until it gets an answer, as a browser user or an integration would.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AzuriteProcess azurite = null!;
    private FakeSendGrid sendGrid = null!;
    private AppProcess app = null!;
    private StorageProbe storage = null!;
    private const int Rounds = 3;
    private static readonly DateTimeOffset Start = new(2025, 10, 24, 2, 0, 0, TimeSpan.Zero);
    private readonly MovingClock clock = new(Start);

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartAsync();
        storage = new StorageProbe(new TableServiceClient(azurite.ConnectionString), new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString));
        sendGrid = await FakeSendGrid.StartAsync();
        var settings = SinergiFactory.KilledProcessSettings(azurite.ConnectionString, sendGrid.Url);
        settings["Engine__SweepIntervalSeconds"] = "86400"; // the test sweeps when it has moved the clock
        settings["Engine__OutboxRecoverySeconds"] = "2";
        settings["Engine__DispatchLeaseSeconds"] = "3";
        app = new AppProcess(settings);
        await app.StartAsync(clock.Setting());
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await sendGrid.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task AppKilledAtRandomPointsLosesNoAcknowledgedChangeSendsNoEmailTwiceAndFiresEveryTimer()
    {
        // A failure says which kill points it had (the seed) and what the app wrote last.
        var seed = Environment.TickCount;
        output.WriteLine($"kill points seeded with {seed}");
        try
        {
            await KilledAtRandomPointsAsync(seed);
        }
        catch
        {
            output.WriteLine($"The app's last lines:\n{app.RecentOutput}");
            throw;
        }
    }

    private async Task KilledAtRandomPointsAsync(int seed)
    {
        var client = new PatientClient(app.Url, clock);
        int kills;
        var ids = new List<string>();
        await using (var killer = KillingLoop.Start(app, clock, new Random(seed)))
        {
            for (var round = 0; round < Rounds; round++)
            {
                clock.Travel(Start);
                await client.JsonAsync(HttpMethod.Put, "/api/dev/clock", null, () => JsonContent.Create(new { utcNow = clock.Now }));
                ids.AddRange(await RunLifecyclesAsync(client));
            }
            kills = await killer.StopAsync();
        }
        output.WriteLine($"{kills} kills, {client.Retries} retried requests, {sendGrid.Requests.Count} SendGrid requests");
        Assert.True(kills >= 10, $"only {kills} kills");

        await storage.WaitForQuietAsync(seconds: 90);
        foreach (var id in ids)
        {
            var admin = await client.TokenAsync("admin@ditjenpas.go.id", ["admin"]);
            var history = await client.JsonAsync(HttpMethod.Get, $"/api/agreements/{id}/history", admin);
            Assert.True(history["verified"]!.GetValue<bool>());
            var events = history["events"]!.AsArray().Select(e => e!).ToList();
            // The orchestration asks each official once; the test's officials may decide before it came to ask.
            Assert.Equal(ExpectedHistory, events.Select(e => e["type"]!.GetValue<string>()).Where(t => t != "DecisionRequested"));
            var asked = events.Where(e => e["type"]!.GetValue<string>() == "DecisionRequested").Select(e => e["data"]!["step"]!.GetValue<int>()).ToList();
            Assert.Equal(asked.Distinct(), asked);
            var agreement = await client.JsonAsync(HttpMethod.Get, $"/api/agreements/{id}", admin);
            Assert.Equal("Expired", agreement["status"]!.GetValue<string>());
        }

        // An email may go again only after a crash between its sending and its row's removal, and then under the same outbox id.
        var accepted = sendGrid.Requests.Where(r => r.AnsweredWith == 202).ToList();
        foreach (var sameEmail in accepted.GroupBy(r => $"{string.Join(',', Recipients(r))} | {Subject(r)} | {Body(r)}"))
            Assert.Single(sameEmail.Select(r => r.OutboxId).Distinct());
        foreach (var id in ids)
        {
            var notices = accepted.Where(r => r.OutboxId.StartsWith(id + "/")).Select(Subject).Distinct().ToList();
            // A request to decide is left out when its step was decided before the dispatcher came to it.
            Assert.Single(notices, s => s.Contains("disetujui semua pejabat", StringComparison.Ordinal));
            Assert.Single(notices, s => s.Contains("Evaluasi ke-1 jatuh tempo", StringComparison.Ordinal));
            Assert.Equal(4, notices.Count(s => s.Contains("Berakhir dalam", StringComparison.Ordinal)));
            Assert.Single(notices, s => s.Contains("Berakhir hari ini", StringComparison.Ordinal));
        }
        output.WriteLine($"{accepted.Count - accepted.Select(r => r.OutboxId).Distinct().Count()} emails sent again under their outbox id");
    }

    private static readonly string[] ExpectedHistory =
    [
        "AgreementCreated", "DraftUploaded", "DraftUploaded", "ReviewSubmitted", "ReviewStepDecided", "ReviewStepDecided", "ReviewStepDecided",
        "AgreementSigned", "ActionPlanUpdated", "EvaluationReminderDue", "EvaluationRecorded",
        "RenewalNoticeDue", "RenewalNoticeDue", "RenewalNoticeDue", "EvaluationRecorded", "RenewalNoticeDue", "AgreementExpired",
    ];

    private static readonly string[] Officials = ["hukum@kanwil-kaltim.go.id", "kalapas@lapas.go.id", "walikota@bontang.go.id"];

    /// <summary>Create, two drafts, a three-step review, signing, a plan, two evaluations, five notices, expiry; three agreements at a time.</summary>
    private async Task<string[]> RunLifecyclesAsync(PatientClient client)
    {
        var admin = await client.TokenAsync("admin@ditjenpas.go.id", ["admin"]);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (institution, partner, region) = ($"lapas-{suffix}", $"mitra-{suffix}", $"kanwil-{suffix}");
        await client.CreateOnceAsync("/api/institutions", admin, new
        {
            id = institution, name = "Lapas Kelas IIA Balikpapan", kind = "Lapas", @class = "IIA", regionId = region,
            timeZone = "Asia/Makassar", headName = "Kalapas", headEmail = $"kalapas@{suffix}.go.id",
        });
        await client.CreateOnceAsync("/api/partners", admin, new
        {
            id = partner, name = "Yayasan SEKATA", kind = "Foundation", contactName = "Mohammad Effendi", contactEmail = $"ketua@{suffix}.or.id",
        });
        Task<string> Staff() => client.TokenAsync($"staf@{suffix}.go.id", ["staff"], institution, region);

        var staff = await Staff();
        var ids = await Task.WhenAll(Enumerable.Range(1, 3).Select(async n =>
        {
            var created = await client.JsonAsync(HttpMethod.Post, "/api/agreements", staff, () => JsonContent.Create(new
            {
                institutionId = institution, partnerId = partner, kind = "Pks", title = $"PKS pembinaan kemandirian {n}",
                purpose = "Membina kemandirian warga binaan.", validityMonths = 12,
                scope = new[] { new { area = "ProductMarketing", description = "Pemasaran produk hasil karya WBP" } },
            }), HttpStatusCode.Created);
            var id = created["id"]!.GetValue<string>();
            for (var draft = 1; draft <= 2; draft++)
            {
                var pdf = Api.Pdf(); // the same file on every retry: a different one under the same key is refused (422)
                await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/drafts", staff, () => Api.Form(pdf, $"draf-{draft}.pdf", ("note", $"draf {draft}")), HttpStatusCode.Created);
            }
            await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review", staff, () => JsonContent.Create(Api.Steps(Officials), options: Api.JsonOptions));
            for (var step = 1; step <= 3; step++)
            {
                var official = await client.TokenAsync(Officials[step - 1], ["approver"]);
                await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/review/decision", official,
                    () => JsonContent.Create(new { round = 1, step, decision = "approve", comment = $"setuju {step}" }));
            }
            return id;
        }));

        await TravelAsync(client, new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        staff = await Staff();
        await Task.WhenAll(ids.Select(async id =>
        {
            var signed = Api.Pdf();
            await client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/signing", staff, () => Api.Form(signed, "ditandatangani.pdf",
                ("signedOn", "2025-11-05"), ("place", "Rutan Balikpapan"),
                ("signatories", """[{"name":"Agus Salim","position":"Kepala Rutan","organization":"Rutan Balikpapan"},{"name":"Mohammad Effendi","position":"Pimpinan","organization":"Yayasan SEKATA"}]""")));
            await client.JsonAsync(HttpMethod.Put, $"/api/agreements/{id}/action-plan", staff, () => JsonContent.Create(new
            {
                items = new[] { new { activity = "Pelatihan konveksi", owner = "Kasi Giatja", frequency = "bulanan", status = "InProgress" } },
            }));
        }));

        await TravelAsync(client, new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));
        await EvaluateAsync(client, ids, await Staff(), "2026-05-05");
        await TravelAsync(client, new DateTimeOffset(2026, 8, 7, 0, 1, 0, TimeSpan.Zero));
        await TravelAsync(client, new DateTimeOffset(2026, 9, 6, 0, 1, 0, TimeSpan.Zero));
        await TravelAsync(client, new DateTimeOffset(2026, 10, 6, 0, 1, 0, TimeSpan.Zero));
        await EvaluateAsync(client, ids, await Staff(), "2026-10-05");
        await TravelAsync(client, new DateTimeOffset(2026, 10, 29, 0, 1, 0, TimeSpan.Zero));
        await TravelAsync(client, new DateTimeOffset(2026, 11, 5, 0, 1, 0, TimeSpan.Zero));
        return ids;
    }

    private static Task EvaluateAsync(PatientClient client, string[] ids, string staff, string periodEnd) =>
        Task.WhenAll(ids.Select(id => client.JsonAsync(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff, () => JsonContent.Create(new
        {
            periodEnd, summary = "Pelatihan berjalan rutin.", recommendation = "Continue",
            itemScores = new[] { new { activity = "Pelatihan konveksi", score = 4 } },
        }))));

    /// <summary>Lets every side effect finish, moves the clock, and sweeps until a sweep has run whole.</summary>
    private async Task TravelAsync(PatientClient client, DateTimeOffset to)
    {
        await storage.WaitForQuietAsync(seconds: 90);
        clock.Travel(to);
        await client.JsonAsync(HttpMethod.Put, "/api/dev/clock", null, () => JsonContent.Create(new { utcNow = clock.Now }));
        while (true)
        {
            var sweep = await client.JsonAsync(HttpMethod.Post, "/api/dev/sweep", null, () => null);
            if (sweep["ran"]!.GetValue<bool>()) break;
            await Task.Delay(1000); // a killed sweep's lease has not run out yet
        }
        await storage.WaitForQuietAsync(seconds: 90);
    }

    private static string Subject(FakeSendGrid.Request r) => r.Body["subject"]?.GetValue<string>() ?? r.Body["personalizations"]![0]!["subject"]!.GetValue<string>();
    private static string Body(FakeSendGrid.Request r) => r.Body["content"]![0]!["value"]!.GetValue<string>();
    private static IEnumerable<string> Recipients(FakeSendGrid.Request r) =>
        r.Body["personalizations"]![0]!["to"]!.AsArray().Select(t => t!["email"]!.GetValue<string>()).Order();

    /// <summary>The scenario's clock: set to an instant, it runs on from there. A restarted app starts where it is.</summary>
    private sealed class MovingClock(DateTimeOffset start)
    {
        private readonly Lock gate = new();
        private DateTimeOffset anchor = start;
        private DateTime anchoredAt = DateTime.UtcNow;

        public DateTimeOffset Now { get { lock (gate) return anchor + (DateTime.UtcNow - anchoredAt); } }

        public void Travel(DateTimeOffset to)
        {
            lock (gate) { anchor = to; anchoredAt = DateTime.UtcNow; }
        }

        public Dictionary<string, string> Setting() => new() { ["Dev__ClockStartsAt"] = Now.ToString("O") };
    }

    /// <summary>Kills the app after a random 0.05-1 s of life, starts it again at once, until stopped.</summary>
    private sealed class KillingLoop : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private Task<int> loop = Task.FromResult(0);

        public static KillingLoop Start(AppProcess app, MovingClock clock, Random random)
        {
            var killer = new KillingLoop();
            killer.loop = Task.Run(async () =>
            {
                var kills = 0;
                while (!killer.stop.IsCancellationRequested)
                {
                    try { await Task.Delay(random.Next(50, 1000), killer.stop.Token); }
                    catch (OperationCanceledException) { break; }
                    await app.KillAsync();
                    kills++;
                    await app.StartAsync(clock.Setting());
                }
                return kills;
            });
            return killer;
        }

        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            return await loop;
        }

        public async ValueTask DisposeAsync()
        {
            if (!stop.IsCancellationRequested) await StopAsync();
            stop.Dispose();
        }
    }

    /// <summary>Sends each change with its own Idempotency-Key and sends it again, same key, until the app answers.</summary>
    private sealed class PatientClient(string baseUrl, MovingClock clock)
    {
        // Moving the clock answers once the orchestrations it woke have looked (up to a minute).
        private readonly HttpClient http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(75) };
        private int retries;

        public int Retries => retries;

        public async Task<string> TokenAsync(string email, string[] roles, string? institution = null, string? region = null)
        {
            var token = await JsonAsync(HttpMethod.Post, "/api/dev/token", null,
                () => JsonContent.Create(new { email, name = "Pengguna", roles, institution, region }));
            return token["token"]!.GetValue<string>();
        }

        /// <summary>Directory records are created by id: a retry after a lost answer finds the record there (409).</summary>
        public async Task CreateOnceAsync(string path, string token, object body)
        {
            var response = await SendAsync(HttpMethod.Post, path, token, () => JsonContent.Create(body));
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{path}: {(int)response.StatusCode}");
        }

        public Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token) => JsonAsync(method, path, token, () => null);

        public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token, Func<HttpContent?> body, HttpStatusCode expected = HttpStatusCode.OK) =>
            await Api.Json(await SendAsync(method, path, token, body), expected);

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, Func<HttpContent?> body)
        {
            var key = Guid.NewGuid().ToString("N");
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (true)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body() };
                if (token is not null) request.Headers.Authorization = new("Bearer", token);
                if (method != HttpMethod.Get) request.Headers.Add("Idempotency-Key", key);
                try
                {
                    var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable) return response;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { /* killed mid-request */ }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{method} {path} got no answer in 180 s (clock {clock.Now:O}).");
                Interlocked.Increment(ref retries);
                await Task.Delay(100);
            }
        }
    }
}
