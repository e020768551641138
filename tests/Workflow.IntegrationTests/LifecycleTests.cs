using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class LifecycleTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task AgreementGoesFromAudiensiThroughReviewSigningAndEvaluationToRenewal()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 10, 24, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();

        var created = await api.CreateAsync(w, Api.Audiensi());
        var id = created["id"]!.GetValue<string>();
        Assert.Equal("Exploring", created["status"]!.GetValue<string>());
        Assert.Equal("Kantor Wali Kota Bontang", created["audiensi"]!["place"]!.GetValue<string>());

        var draft = await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, note: "draf awal"), HttpStatusCode.Created);
        Assert.Equal(1, draft["version"]!.GetValue<int>());
        Assert.Matches("^[0-9a-f]{64}$", draft["sha256"]!.GetValue<string>());

        string[] officials = ["hukum@kanwil-kaltim.go.id", "kalapas@lapas.go.id", "walikota@bontang.go.id"];
        var review = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(officials)), HttpStatusCode.OK);
        Assert.Equal("InReview", review["status"]!.GetValue<string>());
        for (var step = 1; step <= 3; step++)
        {
            var decided = await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync(officials[step - 1]), 1, step, "approve", $"setuju {step}"), HttpStatusCode.OK);
            Assert.Equal(step < 3 ? "InReview" : "Approved", decided["status"]!.GetValue<string>());
        }

        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var staff = await api.TokenAsync($"staf@{w.InstitutionId}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId);
        var signed = await Api.Json(await api.SignAsync(id, staff), HttpStatusCode.OK);
        Assert.Equal("Active", signed["status"]!.GetValue<string>());
        Assert.Equal("2025-11-05", signed["effectiveFrom"]!.GetValue<string>());
        Assert.Equal("2026-11-05", signed["expiresOn"]!.GetValue<string>());
        Assert.Contains(signed["nextTimers"]!.AsArray(), t => t!["kind"]!.GetValue<string>() == "RenewalNotice" && t["dueOn"]!.GetValue<string>() == "2026-08-07");

        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", staff, new
        {
            items = new[] { new { activity = "Pelatihan konveksi", owner = "Kasi Giatja", frequency = "bulanan", status = "InProgress" } },
        }), HttpStatusCode.OK);

        clock.To(new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));
        staff = await api.TokenAsync($"staf@{w.InstitutionId}.go.id", "Staf", ["staff"], w.InstitutionId, w.RegionId);
        var evaluated = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff, new
        {
            periodEnd = "2026-05-05", summary = "Pelatihan berjalan rutin; produk dipamerkan.", recommendation = "Renew",
            itemScores = new[] { new { activity = "Pelatihan konveksi", score = 4 } },
        }), HttpStatusCode.OK);
        Assert.Single(evaluated["evaluations"]!.AsArray());

        var renewal = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/renewal", staff, new { validityMonths = 24 }), HttpStatusCode.Created);
        var renewalId = renewal["id"]!.GetValue<string>();
        Assert.Equal("Drafting", renewal["status"]!.GetValue<string>());
        Assert.Equal(id, renewal["renewalOfId"]!.GetValue<string>());
        Assert.Equal(24, renewal["validityMonths"]!.GetValue<int>());
        Assert.Equal(renewalId, (await api.GetAsync($"/api/agreements/{id}", staff))["pendingRenewalId"]!.GetValue<string>());

        await Api.Json(await api.UploadDraftAsync(renewalId, staff), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{renewalId}/review", staff, Api.Steps("hukum@kanwil-kaltim.go.id")), HttpStatusCode.OK);
        await Api.Json(await api.DecideAsync(renewalId, await api.OfficialTokenAsync("hukum@kanwil-kaltim.go.id"), 1, 1, "approve"), HttpStatusCode.OK);
        await Api.Json(await api.SignAsync(renewalId, staff, "2026-05-10", effectiveFrom: "2026-11-05"), HttpStatusCode.OK);

        await fixture.Storage.WaitForQuietAsync(); // the renewal's outbox marks the old one, whose own outbox then lists it
        var old = await api.GetAsync($"/api/agreements/{id}", staff);
        Assert.Equal("Renewed", old["status"]!.GetValue<string>());
        Assert.Equal(renewalId, old["renewedById"]!.GetValue<string>());
        Assert.Empty(old["nextTimers"]!.AsArray());

        var history = await api.GetAsync($"/api/agreements/{id}/history", staff);
        Assert.True(history["verified"]!.GetValue<bool>());
        Assert.Equal(
            ["AgreementCreated", "DraftUploaded", "ReviewSubmitted", "ReviewStepDecided", "ReviewStepDecided", "ReviewStepDecided",
             "AgreementSigned", "ActionPlanUpdated", "EvaluationRecorded", "RenewalStarted", "AgreementRenewed"],
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));

        var renewedList = await api.GetAsync($"/api/agreements?institutionId={w.InstitutionId}&status=Renewed", staff);
        Assert.Equal(id, Assert.Single(renewedList["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ActiveAgreementIsTerminatedWithReasonAndDate()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(id, w.StaffToken), HttpStatusCode.OK);

        var terminated = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/termination", w.StaffToken,
            new { reason = "Mitra tidak lagi menjalankan program", effectiveOn = "2025-11-05" }), HttpStatusCode.OK);
        Assert.Equal("Terminated", terminated["status"]!.GetValue<string>());
        Assert.Equal("Mitra tidak lagi menjalankan program", terminated["termination"]!["reason"]!.GetValue<string>());
        Assert.Empty(terminated["nextTimers"]!.AsArray());

        await Problem409(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", w.StaffToken,
            new { periodEnd = "2025-11-05", summary = "x", recommendation = "Continue" }));
        await fixture.Storage.WaitForQuietAsync(id);
        var list = await api.GetAsync($"/api/agreements?status=Terminated&institutionId={w.InstitutionId}", w.StaffToken);
        Assert.Single(list["items"]!.AsArray());
    }

    [Fact]
    public async Task DocumentsDownloadAsUploadedWithTheirHash()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var pdf = Api.Pdf(padding: 100_000);
        var draft = await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, pdf, "../../etc/Draf MoU #1.pdf"), HttpStatusCode.Created);
        var documentId = draft["documentId"]!.GetValue<string>();

        var response = await api.Send(HttpMethod.Get, $"/api/agreements/{id}/documents/{documentId}", w.StaffToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), draft["sha256"]!.GetValue<string>());
        Assert.Equal(draft["sha256"]!.GetValue<string>(), response.Headers.GetValues("X-Content-SHA256").Single());

        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("Draf-MoU-1.pdf", agreement["drafts"]![0]!["fileName"]!.GetValue<string>());
    }

    private static Task Problem409(HttpResponseMessage response) => Api.Problem(response, HttpStatusCode.Conflict);
}
