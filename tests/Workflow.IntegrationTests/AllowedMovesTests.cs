using System.Net;
using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The agreement's JSON says which commands the caller may make on it now (DESIGN.md §4 allowedMoves), and its page
/// offers those forms and no others, saying why the rest wait: both from the agreement's own rules.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class AllowedMovesTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static IEnumerable<string> Moves(JsonObject agreement) => agreement["allowedMoves"]!.AsArray().Select(m => m!.GetValue<string>());

    private async Task<IEnumerable<string>> MovesAsync(string id, string token) => Moves(await api.GetAsync($"/api/agreements/{id}", token));

    [Fact]
    public async Task TheAgreementSaysWhichMovesTheCallerMayMakeNow()
    {
        var w = await api.NewWorldAsync();
        var created = await api.CreateAsync(w);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(["drafts", "action-plan"], Moves(created)); // no draft yet: nothing to review

        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        Assert.Equal(["drafts", "review", "action-plan"], await MovesAsync(id, w.StaffToken));
        Assert.Equal(["drafts", "review", "action-plan"], await MovesAsync(id, w.KanwilToken));
        var reader = await api.TokenAsync($"reviu@{w.InstitutionId[6..]}.go.id", "Pembaca", ["reviewer"], w.InstitutionId, w.RegionId);
        Assert.Empty(await MovesAsync(id, reader));

        // An official of the institution, who may read its agreements, sees the decision that waits for them; nobody else does.
        var official = $"pejabat@{w.InstitutionId[6..]}.go.id";
        var submitted = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official)), HttpStatusCode.OK);
        Assert.Empty(Moves(submitted)); // in review: the staff wait for the official
        Assert.Equal(["decision"], await MovesAsync(id, await api.TokenAsync(official, "Pejabat", ["approver"], w.InstitutionId, w.RegionId)));
        Assert.Equal(["decision"], await MovesAsync(id, w.AdminToken));
        Assert.Empty(await MovesAsync(id, reader));
    }

    [Fact]
    public async Task RenewalIsOfferedOnlyOnceARecentEvaluationAllowsItAndTheReasonIsShownUntilThen()
    {
        var w = await api.NewWorldAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await api.ImportAsync(w, today.AddMonths(-2).ToString("yyyy-MM-dd"), 24);
        Assert.Equal(["action-plan", "evaluations", "termination", "partner-link"], await MovesAsync(id, w.StaffToken));
        using var browser = await PageSession.StaffAsync(fixture.Factory, w, followRedirects: true);

        var page = await browser.GetStringAsync($"/app/perjanjian/{id}");
        Assert.DoesNotContain($"action=\"/app/perjanjian/{id}/renewal\"", page);
        Assert.Contains("Perpanjangan memerlukan evaluasi dalam 12 bulan terakhir", page);
        await browser.GetAsync("/app/bahasa?l=en&kembali=/app");
        var english = await browser.GetStringAsync($"/app/perjanjian/{id}");
        Assert.Contains("A renewal needs an evaluation in the last 12 months", english);
        Assert.DoesNotContain("Perpanjangan memerlukan", english);
        await browser.GetAsync("/app/bahasa?l=id&kembali=/app");
        Assert.Contains($"action=\"/app/perjanjian/{id}/evaluation\"", page);
        Assert.DoesNotContain($"action=\"/app/perjanjian/{id}/draft\"", page);

        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/evaluations", w.StaffToken,
            new { periodEnd = today.AddDays(-1).ToString("yyyy-MM-dd"), summary = "Berjalan baik.", recommendation = "Renew" }), HttpStatusCode.OK);
        Assert.Contains("renewal", await MovesAsync(id, w.StaffToken));
        page = await browser.GetStringAsync($"/app/perjanjian/{id}");
        Assert.Contains($"action=\"/app/perjanjian/{id}/renewal\"", page);
        Assert.DoesNotContain("Perpanjangan memerlukan evaluasi", page);
    }

    [Fact]
    public async Task AScheduledTerminationIsShownWithItsWithdrawalFormAndWithdrawnFromThePage()
    {
        var w = await api.NewWorldAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await api.ImportAsync(w, today.AddMonths(-2).ToString("yyyy-MM-dd"), 24);
        var effective = today.AddMonths(3);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/termination", w.StaffToken,
            new { reason = "Mitra menghentikan program", effectiveOn = effective.ToString("yyyy-MM-dd") }), HttpStatusCode.OK);
        Assert.Equal(["action-plan", "evaluations", "withdrawal", "partner-link"], await MovesAsync(id, w.StaffToken));

        using var browser = await PageSession.StaffAsync(fixture.Factory, w, followRedirects: true);
        var page = await browser.GetStringAsync($"/app/perjanjian/{id}");
        Assert.Contains("Pengakhiran dijadwalkan", page);
        Assert.Contains($"action=\"/app/perjanjian/{id}/withdrawal\"", page);
        Assert.DoesNotContain($"action=\"/app/perjanjian/{id}/termination\"", page);
        Assert.Contains($"Pengakhiran sudah dijadwalkan berlaku {effective:yyyy-MM-dd}", page);

        var after = await browser.PostAsync($"/app/perjanjian/{id}/withdrawal", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "Program dilanjutkan" }));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(["action-plan", "evaluations", "termination", "partner-link"], await MovesAsync(id, w.StaffToken));
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Equal(["TerminationScheduled", "TerminationWithdrawn"], history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Where(t => t.StartsWith("Termination")));
    }
}
