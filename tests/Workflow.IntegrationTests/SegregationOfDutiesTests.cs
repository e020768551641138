using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>Nobody approves their own agreement: who may sit on a step comes from the directory, and the submitter decides nothing.</summary>
[Collection(SinergiCollection.Name)]
public sealed class SegregationOfDutiesTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private async Task<string> DraftingAsync(World w)
    {
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        return id;
    }

    private static object Step(string role, string email) => new { role, name = "Pejabat", email, daysAllowed = 5 };

    [Fact]
    public async Task StaffNamingThemselvesOnEveryStepGetsNothingApproved()
    {
        var w = await api.NewWorldAsync();
        await api.AddKanwilAsync(w);
        var id = await DraftingAsync(w);
        var self = $"staf@{w.InstitutionId[6..]}.go.id";
        var staffAsOfficial = await api.TokenAsync(self, "Staf", ["staff", "approver"], w.InstitutionId, w.RegionId);

        var problem = await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", staffAsOfficial,
            new { steps = new[] { Step("Legal", self), Step("HeadOfInstitution", self), Step("Kanwil", self) } }), HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("Pengaju reviu", errors["steps[0].email"]![0]!.GetValue<string>());
        Assert.Contains(w.HeadEmail, errors["steps[1].email"]!.ToJsonString());
        Assert.NotNull(errors["steps[2].email"]);

        // Whatever they try next, nothing is decided: there is no round to decide.
        await Api.Problem(await api.DecideAsync(id, staffAsOfficial, 1, 1, "approve"), HttpStatusCode.Forbidden);
        var agreement = await api.GetAsync($"/api/agreements/{id}", w.AdminToken);
        Assert.Equal("Drafting", agreement["status"]!.GetValue<string>());
        Assert.Empty(agreement["reviewRounds"]!.AsArray());
    }

    [Fact]
    public async Task HeadOfInstitutionStepNamesTheHeadOrADelegateTheAdminRegistered()
    {
        var w = await api.NewWorldAsync();
        var id = await DraftingAsync(w);
        var deputy = $"wakil@{w.InstitutionId[6..]}.go.id";

        var refused = await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken,
            new { steps = new[] { Step("Legal", "hukum@kanwil.go.id"), Step("HeadOfInstitution", deputy) } }), HttpStatusCode.BadRequest);
        Assert.Equal(["steps[1].email"], refused["errors"]!.AsObject().Select(e => e.Key));

        // Staff cannot make their colleague a delegate; the admin can.
        await Api.Problem(await api.Send(HttpMethod.Put, $"/api/institutions/{w.InstitutionId}/delegates", w.StaffToken,
            new { delegates = new[] { new { name = "Wakil", email = deputy } } }), HttpStatusCode.Forbidden);
        await api.SetDelegatesAsync(w, w.InstitutionId, deputy);
        var institution = await api.GetAsync($"/api/institutions/{w.InstitutionId}", w.StaffToken);
        Assert.Equal(deputy, institution["delegates"]![0]!["email"]!.GetValue<string>());

        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken,
            new { steps = new[] { Step("Legal", "hukum@kanwil.go.id"), Step("HeadOfInstitution", deputy) } }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheReviewFormShowsTheRefusalBesideTheHeadOfInstitutionField()
    {
        var w = await api.NewWorldAsync();
        var id = await DraftingAsync(w);
        var browser = await PageSession.StaffAsync(fixture.Factory, w);
        var page = await browser.GetStringAsync($"/app/perjanjian/{id}");
        Assert.Contains(w.HeadEmail, page); // the form says who may sit on the step

        var refused = await browser.PostAsync($"/app/perjanjian/{id}/review", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["steps[0].role"] = "HeadOfInstitution", ["steps[0].name"] = "Kawan", ["steps[0].email"] = "kawan@lapas.go.id", ["steps[0].daysAllowed"] = "5",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Matches("""name="steps\[0\].email" value="kawan@lapas.go.id"[^>]*aria-invalid="true"[\s\S]{0,200}id="steps\[0\].email-error">Langkah Kepala Lembaga""", html);
    }

    [Fact]
    public async Task AdminWhoSubmittedARoundCannotDecideItNorTwoStepsOfIt()
    {
        var w = await api.NewWorldAsync();
        var id = await DraftingAsync(w);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.AdminToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        var own = await Api.Problem(await api.DecideAsync(id, w.AdminToken, 1, 1, "approve"), HttpStatusCode.Conflict);
        Assert.Contains("pejabat lain", own["detail"]!.GetValue<string>());

        var other = await DraftingAsync(w);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{other}/review", w.StaffToken, Api.Steps("a@kanwil.go.id", "b@kanwil.go.id")), HttpStatusCode.OK);
        await Api.Json(await api.DecideAsync(other, w.AdminToken, 1, 1, "approve"), HttpStatusCode.OK);
        await Api.Problem(await api.DecideAsync(other, w.AdminToken, 1, 2, "approve"), HttpStatusCode.Conflict);
        Assert.Equal("InReview", (await api.GetAsync($"/api/agreements/{other}", w.StaffToken))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PageAndHistoryShowWhoActuallyDecided()
    {
        var w = await api.NewWorldAsync();
        var id = await DraftingAsync(w);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id", "b@kanwil.go.id")), HttpStatusCode.OK);
        var answer = await Api.Json(await api.DecideAsync(id, w.AdminToken, 1, 1, "approve", "atas nama pejabat yang berhalangan"), HttpStatusCode.OK);

        // The answer is the decision alone: nothing of the other officials, the plan or the evaluations.
        Assert.Equal("admin@ditjenpas.go.id", answer["decidedBy"]!.GetValue<string>());
        Assert.DoesNotContain("b@kanwil.go.id", answer.ToJsonString());
        Assert.Null(answer["reviewRounds"]);

        var step = (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["reviewRounds"]![0]!["steps"]![0]!;
        Assert.Equal(("hukum@kanwil.go.id", "admin@ditjenpas.go.id"), (step["email"]!.GetValue<string>(), step["decidedBy"]!.GetValue<string>()));
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        var decided = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "ReviewStepDecided")!;
        Assert.Equal("admin@ditjenpas.go.id", decided["actor"]!["email"]!.GetValue<string>());
        var page = await (await PageSession.StaffAsync(fixture.Factory, w)).GetStringAsync($"/app/perjanjian/{id}");
        Assert.Contains("diputuskan oleh admin@ditjenpas.go.id atas nama hukum@kanwil.go.id", page);
    }
}
