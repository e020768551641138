using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Workflow.Core;
using Workflow.Functions.Agreements;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>
/// The largest agreement the limits allow lives its longest life and still renews: every text at its longest (Latin
/// letters, as officials write), every list at its longest, 60 months, a ten-step review with the longest comments, the
/// largest plan, an evaluation scoring every item in every period. Its state must stay storable throughout.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class LargestAgreementTests(SinergiFixture fixture, ITestOutputHelper output)
{
    private readonly Api api = fixture.Api();
    private readonly Random random = new(20261125);

    /// <summary>Letters and spaces that no two calls repeat, <paramref name="length"/> long.</summary>
    private string Text(int length, string prefix = "")
    {
        var text = new StringBuilder(prefix, length);
        while (text.Length < length) text.Append(random.Next(7) == 0 ? ' ' : (char)('a' + random.Next(26)));
        return text.ToString(0, length).Trim().PadRight(length, 'x');
    }

    /// <summary>A text of several lines at its longest.</summary>
    private string Lines(int length) => Text(length).Remove(length / 2, 1).Insert(length / 2, "\n");

    private object Person(int i) => new { name = Text(200, $"{i} "), position = Text(200), organization = Text(200) };

    private static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task TheLargestAgreementLivesSixtyMonthsWithAnEvaluationEveryPeriodAndStillRenews()
    {
        using var clock = new ClockTravel(fixture);
        var signed = new DateOnly(2026, 1, 5);
        clock.To(At(signed));
        var w = await api.NewWorldAsync();
        var kakanwil = await api.AddKanwilAsync(w);

        var create = new
        {
            institutionId = w.InstitutionId, partnerId = w.PartnerId, kind = "Pks", title = Text(300), purpose = Lines(4000),
            scope = Enumerable.Range(0, Agreement.MaxScopeItems).Select(_ => new { area = "WorkSkills", description = Text(2000) }).ToArray(),
            validityMonths = Agreement.MaxValidityMonths,
            audiensi = new { date = signed.ToString("yyyy-MM-dd"), place = Text(300), attendees = Enumerable.Range(0, Agreement.MaxAttendees).Select(Person).ToArray(), notes = Text(4000) },
        };
        var id = (await Api.Json(await SendAsync(HttpMethod.Post, "/api/agreements", w.StaffToken, Json(create)), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken, note: Text(2000)), HttpStatusCode.Created);

        var officials = new[] { ("Legal", $"hukum@{w.RegionId}.go.id"), ("HeadOfInstitution", w.HeadEmail), ("Kanwil", kakanwil) }
            .Concat(Enumerable.Range(4, 7).Select(i => ("Other", $"pejabat{i}@{w.RegionId}.go.id"))).ToArray();
        await Api.Json(await SendAsync(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Json(new
        {
            steps = officials.Select(o => new { role = o.Item1, name = Text(200), email = o.Item2, daysAllowed = 60 }).ToArray(),
        })), HttpStatusCode.OK);
        for (var step = 1; step <= officials.Length; step++)
            await Api.Json(await api.DecideAsync(id, await api.OfficialTokenAsync(officials[step - 1].Item2), 1, step, "approve", Lines(4000)), HttpStatusCode.OK);

        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/signing", w.StaffToken, Api.Form(Api.Pdf(), "ditandatangani.pdf",
            ("signedOn", signed.ToString("yyyy-MM-dd")), ("place", Text(300)),
            ("signatories", JsonSerializer.Serialize(Enumerable.Range(0, Agreement.MaxSignatories).Select(Person))),
            ("witnesses", JsonSerializer.Serialize(Enumerable.Range(0, Agreement.MaxWitnesses).Select(Person))))), HttpStatusCode.OK);

        var activities = Enumerable.Range(0, Agreement.MaxActionItems).Select(i => Text(500, $"Kegiatan {i:D3} ")).ToList();
        await Api.Json(await SendAsync(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Json(new
        {
            items = activities.Select(a => new { activity = a, owner = Text(200), frequency = Text(100), status = "InProgress" }).ToArray(),
        })), HttpStatusCode.OK);

        // An evaluation at the end of every six-month period, the last a month before expiry; each scores every item.
        var ends = Enumerable.Range(1, 9).Select(n => signed.AddMonths(6 * n)).Append(signed.AddMonths(59)).ToList();
        var last = (Key: "", Body: Array.Empty<byte>(), Answer: "");
        // Tokens live eight hours by the app's clock: after each move a fresh one.
        Task<string> StaffAsync() => api.TokenAsync($"staf@{w.InstitutionId[6..]}.go.id", "Staf Lapas", ["staff"], w.InstitutionId, w.RegionId);
        foreach (var periodEnd in ends)
        {
            clock.To(At(periodEnd));
            await api.SweepAsync();
            var staff = await StaffAsync();
            var evaluation = Json(new
            {
                periodEnd = periodEnd.ToString("yyyy-MM-dd"), summary = Text(8000), recommendation = "Continue",
                itemScores = activities.Select((a, i) => new { activity = a, score = 1 + i % 5 }).ToArray(),
            });
            var key = $"evaluasi-{id}-{periodEnd:yyyyMMdd}";
            var response = await SendAsync(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staff, evaluation, key);
            last = (key, evaluation, await response.Content.ReadAsStringAsync());
            var lastAnswer = last.Answer;
            Assert.True(response.StatusCode == HttpStatusCode.OK, lastAnswer);
            output.WriteLine($"{periodEnd:yyyy-MM-dd}: state row {await StateRowKiBAsync(id)} KiB, answer {Encoding.UTF8.GetByteCount(lastAnswer) / 1024} KiB");
        }

        var staffNow = await StaffAsync();
        // The answer with every evaluation in it is too long for its row: the retry still gets it, byte for byte.
        var replay = await SendAsync(HttpMethod.Post, $"/api/agreements/{id}/evaluations", staffNow, last.Body, last.Key);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(last.Answer, await replay.Content.ReadAsStringAsync());
        Assert.True(Encoding.UTF8.GetByteCount(last.Answer) > AgreementStore.InlineAnswerBytes);

        var renewal = await Api.Json(await SendAsync(HttpMethod.Post, $"/api/agreements/{id}/renewal", staffNow, Json(new { validityMonths = 60 })), HttpStatusCode.Created);
        var renewalId = renewal["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(renewalId, staffNow), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{renewalId}/review", staffNow, Api.Steps(officials[0].Item2)), HttpStatusCode.OK);
        await Api.Json(await api.DecideAsync(renewalId, await api.OfficialTokenAsync(officials[0].Item2), 1, 1, "approve"), HttpStatusCode.OK);
        await Api.Json(await api.SignAsync(renewalId, staffNow, signed.AddMonths(59).ToString("yyyy-MM-dd"), effectiveFrom: signed.AddMonths(60).ToString("yyyy-MM-dd")), HttpStatusCode.OK);
        await fixture.Storage.WaitForQuietAsync(seconds: 60); // the renewal's outbox marks the old one renewed

        var old = await api.GetAsync($"/api/agreements/{id}", staffNow);
        Assert.Equal("Renewed", old["status"]!.GetValue<string>());
        Assert.Equal(renewalId, old["renewedById"]!.GetValue<string>());
        Assert.Equal(10, old["evaluations"]!.AsArray().Count);
        Assert.All(old["evaluations"]!.AsArray(), e => Assert.Equal(Agreement.MaxActionItems, e!["itemScores"]!.AsArray().Count));
        Assert.Equal(10, old["reviewRounds"]![0]!["steps"]!.AsArray().Count(s => s!["comment"]!.GetValue<string>().Length == 4000));
        Assert.True((await api.GetAsync($"/api/agreements/{id}/history", staffNow))["verified"]!.GetValue<bool>());
        var state = (await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, AgreementStore.StateRow)).Value;
        Assert.Equal(1, state.GetInt32("SnapshotRows"));
        Assert.True(BatchLimits.EntityBytes(state) < BatchLimits.MaxEntityBytes / 2, $"the state row takes {BatchLimits.EntityBytes(state) / 1024} KiB");
    }

    [Fact]
    public async Task AnAgreementTooLargeForOneRowSpreadsOverMoreAndKeepsWorking()
    {
        // Emoji take four bytes each on the wire and are stored escaped (twelve bytes): the state outgrows one row.
        static string Emoji(int chars) => string.Concat(Enumerable.Repeat("🌾", chars / 2));
        var w = await api.NewWorldAsync();
        var id = (await Api.Json(await SendAsync(HttpMethod.Post, "/api/agreements", w.StaffToken, Json(new
        {
            institutionId = w.InstitutionId, partnerId = w.PartnerId, kind = "Pks", title = "PKS dengan isian panjang", purpose = Emoji(4000),
            scope = Enumerable.Range(0, Agreement.MaxScopeItems).Select(_ => new { area = "Agribusiness", description = Emoji(2000) }).ToArray(),
            validityMonths = 24,
            audiensi = new
            {
                date = "2025-10-24", place = "Aula", notes = Emoji(4000),
                attendees = Enumerable.Range(0, Agreement.MaxAttendees).Select(i => new { name = $"{i} {Emoji(180)}", position = Emoji(200), organization = Emoji(200) }).ToArray(),
            },
        })), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await Api.Json(await SendAsync(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Json(new
        {
            items = Enumerable.Range(0, 120).Select(i => new { activity = $"{i:D3} {Emoji(480)}", owner = Emoji(200), frequency = "bulanan", status = "Planned" }).ToArray(),
        })), HttpStatusCode.OK);

        var state = (await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, AgreementStore.StateRow)).Value;
        output.WriteLine($"snapshot in {state.GetInt32("SnapshotRows")} rows");
        Assert.True(state.GetInt32("SnapshotRows") >= 2);
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await SendAsync(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, Json(new { items = Array.Empty<object>() })), HttpStatusCode.OK);
        var after = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal(Emoji(4000), after["purpose"]!.GetValue<string>());
        Assert.Single(after["drafts"]!.AsArray());
        // With the plan gone it fits one row again, and the rows it no longer needs are removed.
        Assert.Equal(1, (await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, AgreementStore.StateRow)).Value.GetInt32("SnapshotRows"));
        Assert.False((await fixture.Storage.Agreements.GetEntityIfExistsAsync<TableEntity>(id, "state-01")).HasValue);
    }

    /// <summary>The body as a client writes it: UTF-8, an emoji as its four bytes (the serializer would escape it).</summary>
    private static byte[] Json(object body) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, body.GetType(), SinergiJson.Options).Replace("\\uD83C\\uDF3E", "🌾"));

    /// <summary>Sends JSON as a client would, and checks it fits the body limit every JSON command has.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, byte[] bytes, string? key = null)
    {
        Assert.True(bytes.Length <= BodyLimit.Json, $"{method} {path}: {bytes.Length} bytes is over the JSON body limit");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await api.Send(method, path, token, content, key is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = key });
    }

    private async Task<long> StateRowKiBAsync(string id) =>
        BatchLimits.EntityBytes((await fixture.Storage.Agreements.GetEntityAsync<TableEntity>(id, AgreementStore.StateRow)).Value) / 1024;
}
