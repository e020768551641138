using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Core.Tests;

using static Samples;

public class HistoryTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void HistoryFoldedFromTheEventsHoldsEveryDraftRoundAndEvaluation()
    {
        var events = new List<AgreementEvent>();
        var (a, created) = Agreement.Create("agr-1", New(validityMonths: 24), Staff, Now);
        events.Add(created);
        events.Add(a.UploadDraft(Pdf("doc-1"), "awal", Staff, Now));
        events.Add(a.SubmitForReview(Steps(2), Officials, Staff, Now));
        events.Add(a.Decide(1, 1, ReviewDecision.Revise, "Pasal 3", Legal, Now));
        events.Add(a.UploadDraft(Pdf("doc-2"), "revisi", Staff, Now));
        events.Add(a.SubmitForReview(Steps(1), Officials, Staff, Now));
        events.Add(a.Decide(2, 1, ReviewDecision.Approve, null, Legal, Now));
        events.Add(a.Sign(Signing(), Pdf("doc-signed"), Staff, Now));
        events.Add(a.RecordEvaluation(new EvaluationInput(new DateOnly(2025, 11, 5), "Baik", Recommendation.Continue, null), Pdf("doc-eval"), Staff, Now));

        var history = AgreementHistory.Empty.With(events);
        Assert.Equal([1, 2], history.Drafts.Select(d => d.Version));
        Assert.Equal([ReviewRoundOutcome.ChangesRequested, ReviewRoundOutcome.Approved], history.ReviewRounds.Select(r => r.Outcome));
        Assert.Equal("Pasal 3", history.ReviewRounds[0].Steps[0].Comment);
        Assert.Equal(JsonSerializer.Serialize(a.LatestRound, Json), JsonSerializer.Serialize(history.ReviewRounds[^1], Json));
        Assert.Equal("doc-1", history.DraftOf(history.ReviewRounds[0])!.DocumentId);
        Assert.Single(history.Evaluations);
        Assert.Equal(["doc-1", "doc-2", "doc-signed", "doc-eval"], history.Documents(a).Select(d => d.DocumentId));
    }

    [Fact]
    public void AnAgreementDoesNotGrowWithItsEvaluations()
    {
        var a = Active(validityMonths: 60);
        a.SetActionPlan(Enumerable.Range(0, Agreement.MaxActionItems)
            .Select(i => new ActionItemInput($"{i:D3} {new string('k', 496)}", new string('p', 200), ActionItemStatus.Planned, Frequency: new string('f', 100))).ToList(), Staff, Now);
        var before = JsonSerializer.Serialize(a, Json).Length;
        for (var n = 1; n <= 10; n++)
        {
            var at = Now.AddMonths(6 * n - 1);
            a.RecordEvaluation(new EvaluationInput(DateOnly.FromDateTime(at.UtcDateTime), new string('s', 8000), Recommendation.Continue,
                a.ActionPlan.Select(i => new ItemScoreInput(i.Activity, 4)).ToList()), null, Staff, at);
        }
        Assert.Equal(10, a.EvaluationCount);
        Assert.True(JsonSerializer.Serialize(a, Json).Length - before < 100, "ten evaluations made the agreement itself bigger");
    }

    [Fact]
    public void SentNoticesHoldOnlyWhatTheScheduleStillHolds()
    {
        var a = Active(validityMonths: 60);
        var policy = NoticePolicy.Default;
        var fired = 0;
        foreach (var timer in a.Schedule(policy).OrderBy(t => t.DueAt).ToList())
        {
            fired += a.FireTimer(timer, policy, Staff, timer.DueAt).Count;
            Assert.True(a.SentNotices.Count <= a.Schedule(policy).Count);
        }
        Assert.True(fired > 20);
        Assert.Equal(AgreementStatus.Expired, a.Status);
        Assert.Empty(a.SentNotices);
    }

    [Fact]
    public void ASnapshotWrittenWithWholeListsIsReadIntoTheLatestFields()
    {
        var old = JsonSerializer.SerializeToNode(Active(), Json)!.AsObject();
        var latest = old["latestDraft"]!.DeepClone();
        var round = old["latestRound"]!.DeepClone();
        foreach (var name in new[] { "latestDraft", "draftCount", "latestRound", "evaluationCount", "evaluatedThrough" }) old.Remove(name);
        old["drafts"] = new System.Text.Json.Nodes.JsonArray(latest.DeepClone(), latest);
        old["reviewRounds"] = new System.Text.Json.Nodes.JsonArray(round);
        old["evaluations"] = JsonSerializer.SerializeToNode(new[] { new Evaluation(1, new DateOnly(2026, 5, 5), "Baik", Recommendation.Continue, [], null, Now, Staff.Email) }, Json);

        var read = old.Deserialize<Agreement>(Json)!;
        Assert.Equal(2, read.DraftCount);
        Assert.Equal(1, read.LatestRound!.Round);
        Assert.Equal((1, new DateOnly(2026, 5, 5)), (read.EvaluationCount, read.EvaluatedThrough!.Value));
        Assert.DoesNotContain("\"drafts\"", JsonSerializer.Serialize(read, Json));
    }
}
