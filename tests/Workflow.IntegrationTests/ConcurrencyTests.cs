using System.Net;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

[Collection(SinergiCollection.Name)]
public sealed class ConcurrencyTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    [Fact]
    public async Task TwoConcurrentDecisionsOnOneStepExactlyOneWins()
    {
        var w = await api.NewWorldAsync();
        const string official = "hukum@kanwil-kaltim.go.id";
        var officialToken = await api.OfficialTokenAsync(official);
        for (var run = 0; run < 50; run++)
        {
            var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
            await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
            await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official, "kalapas@lapas.go.id")), HttpStatusCode.OK);

            // One approves, the other requests changes, at the same moment.
            var responses = await Task.WhenAll(
                api.DecideAsync(id, officialToken, 1, 1, "approve", "setuju"),
                api.DecideAsync(id, officialToken, 1, 1, "revise", "pasal 3 diperjelas"));

            var codes = responses.Select(r => r.StatusCode).OrderBy(c => c).ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);
            var winner = await Api.Json(responses.Single(r => r.StatusCode == HttpStatusCode.OK), HttpStatusCode.OK);
            await Api.Problem(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);

            var stored = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
            var step = stored["reviewRounds"]![0]!["steps"]![0]!;
            Assert.Equal(winner["decision"]!.GetValue<string>(), step["decision"]!.GetValue<string>());
            var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
            Assert.True(history["verified"]!.GetValue<bool>());
            Assert.Single(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "ReviewStepDecided");
            Assert.Equal(4, stored["version"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task AThousandConcurrentDecisionsOnAHundredAgreementsLoseNoUpdate()
    {
        var w = await api.NewWorldAsync();
        const string official = "pejabat@kanwil-kaltim.go.id";
        var officialToken = await api.OfficialTokenAsync(official);
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
            await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
            await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official, "kalapas@lapas.go.id")), HttpStatusCode.OK);
            ids.Add(id);
        }

        // Ten officials' clicks per agreement at once, each with its own comment: one wins, nine are told 409.
        var attempts = ids.SelectMany(id => Enumerable.Range(0, 10).Select(n => (Id: id, Comment: $"keputusan {n}"))).ToList();
        var answers = await Task.WhenAll(attempts.Select(async a => (a.Id, a.Comment, Response: await api.DecideAsync(a.Id, officialToken, 1, 1, "approve", a.Comment))));

        Assert.All(answers, x => Assert.True(x.Response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{x.Id}: {(int)x.Response.StatusCode}"));
        foreach (var group in answers.GroupBy(x => x.Id))
        {
            var winner = Assert.Single(group, x => x.Response.StatusCode == HttpStatusCode.OK);
            var stored = await api.GetAsync($"/api/agreements/{group.Key}", w.StaffToken);
            Assert.Equal(winner.Comment, stored["reviewRounds"]![0]!["steps"]![0]!["comment"]!.GetValue<string>());
            var history = await api.GetAsync($"/api/agreements/{group.Key}/history", w.StaffToken);
            Assert.True(history["verified"]!.GetValue<bool>());
            Assert.Single(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "ReviewStepDecided");
        }
    }
}
