using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>
/// Part of the fault suite: thousands of malformed requests across the API, each built to be wrong
/// (broken JSON, wrong types, impossible values, ids keys cannot hold, wrong media types, garbage multipart).
/// None may answer 5xx, and storage must be exactly as before.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class FuzzTests(SinergiFixture fixture, ITestOutputHelper output)
{
    private const int Requests = 5_000;
    // %00 is left out: the in-memory test client cannot build such a path (Kestrel refuses it before the app).
    private static readonly string[] BadIdCharacters = ["/", "\\", "#", "?", "%01", "%7F", " ", "..", "Å", "A", "'", "\"", "<"];

    [Fact]
    public async Task FiveThousandMalformedRequestsGetNo5xxAndChangeNothing()
    {
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var drafting = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(drafting, w.StaffToken), HttpStatusCode.Created);
        var active = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(active, w.StaffToken, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd")), HttpStatusCode.OK);
        var valid = JsonSerializer.SerializeToNode(Api.NewAgreementBody(w), Api.JsonOptions)!.AsObject();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();

        var random = new Random(20261122);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var (method, path, content, token) = Malformed(random, w, drafting, active, valid);
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            if (random.Next(10) == 0) request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(2) == 0 ? "kunci buruk" : new string('k', 300));
            var response = await api.Http.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"#{i} {method} {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(status >= 400, $"#{i} {method} {path} was accepted ({status}) although it was built to be wrong");
        }
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));

        await fixture.Storage.WaitForQuietAsync();
        Assert.Equal(before, await fixture.Storage.SnapshotAsync());
    }

    private static readonly string[] LineBreaks = ["\r\n", "\n", "\r", "\t", "\u0000", "\u001b", "\u2028\n"];

    private static (HttpMethod, string, HttpContent?, string?) Malformed(Random r, World w, string drafting, string active, JsonObject valid)
    {
        var id = r.Next(2) == 0 ? drafting : active;
        string BadId() => "agr" + BadIdCharacters[r.Next(BadIdCharacters.Length)] + r.Next(1000);
        var token = r.Next(14) switch
        {
            0 => null, 1 => "bukan.token.sah",
            2 => CraftedToken.With(("email", "tamu@lapas.go.id"), ("roles", "tamu"), ("institution", w.InstitutionId)),
            3 => CraftedToken.With(("roles", "staff"), ("institution", w.InstitutionId), ("region", w.RegionId)),
            _ => w.StaffToken,
        };
        string Broken(string text) => r.Next(1, text.Length - 1) is var k ? text[..k] + LineBreaks[r.Next(LineBreaks.Length)] + text[k..] : text;
        string Many(string item, int min) => "[" + string.Join(",", Enumerable.Repeat(item, r.Next(min, min * 5))) + "]";
        var self = $"staf@{w.InstitutionId[6..]}.go.id";
        return r.Next(19) switch
        {
            0 => (HttpMethod.Post, "/api/agreements", Json(Truncated(r, valid.ToJsonString())), token),
            1 => (HttpMethod.Post, "/api/agreements", Json(WrongType(r, valid)), token),
            2 => (HttpMethod.Post, "/api/agreements", Json(Impossible(r, valid)), token),
            3 => (Pick(r, HttpMethod.Get, HttpMethod.Post, HttpMethod.Put), $"/api/agreements/{BadId()}{Pick(r, "", "/history", "/review", "/action-plan", "/drafts", "/termination")}", Json("{}"), token),
            4 => (HttpMethod.Post, $"/api/agreements/{id}/review", Json(Pick(r, """{"steps":[{"role":"Hakim","name":"x","email":"a@b.id","daysAllowed":5}]}""",
                """{"steps":[{"role":"Legal","name":"x","email":"bukan-email","daysAllowed":5}]}""", """{"steps":"semua"}""", """{"steps":[{"role":"Legal","name":"x","email":"a@b.id","daysAllowed":0}]}""")), token),
            5 => (HttpMethod.Put, $"/api/agreements/{id}/action-plan", Json(Pick(r, """{"items":[{"activity":"","owner":"x","status":"Planned","frequency":"bulanan"}]}""",
                """{"items":{"activity":"x"}}""", """{"items":[{"activity":"x","owner":"y","status":"Selesai","frequency":"z"}]}""", "[" + new string('[', 64))), token),
            6 => (HttpMethod.Post, $"/api/agreements/{id}/evaluations", Pick<HttpContent>(r, Json("""{"periodEnd":"kemarin","summary":"x","recommendation":"Continue"}"""),
                Json("""{"periodEnd":"2999-01-01","summary":"x","recommendation":"Continue"}"""), new StringContent("teks", Encoding.UTF8, "text/plain"),
                Json("""{"periodEnd":"2025-11-05","summary":"x","recommendation":"Lanjut"}""")), token),
            7 => (HttpMethod.Post, $"/api/agreements/{id}/{Pick(r, "renewal", "termination")}", Json(Pick(r, """{"validityMonths":-1}""", """{"validityMonths":1e400}""",
                """{"reason":"","effectiveOn":"2025-11-05"}""", """{"reason":"x","effectiveOn":"1900-01-01"}""", "null")), token),
            8 => (HttpMethod.Post, $"/api/agreements/{id}/{Pick(r, "drafts", "signing")}", GarbageMultipart(r), token),
            9 => (HttpMethod.Post, "/api/agreements/import", GarbageMultipart(r), token),
            10 => (HttpMethod.Post, Pick(r, "/api/institutions", "/api/partners"), Json(Pick(r, """{"id":"Lapas Besar","name":"x"}""", """{"id":"a/b"}""", """{"id":"x","kind":"Penjara"}""", "{")), w.AdminToken),
            11 => (HttpMethod.Get, $"/api/agreements?{Pick(r, "status=Aktif", "expiresBefore=besok", "institutionId=A%2FB", "regionId=%23", "partnerId=" + new string('p', 65))}", null, token),
            // A one-line field with a line break or another control character in it.
            12 => (HttpMethod.Post, "/api/agreements", Json(WithField(valid, "title", Broken("PKS Pembinaan Kemandirian"))), token),
            13 => (HttpMethod.Put, $"/api/agreements/{id}/action-plan", Json($$"""{"items":[{"activity":"{{Escape(Broken("Pelatihan konveksi"))}}","owner":"Kasi","frequency":"bulanan","status":"Planned"}]}"""), token),
            // Lists longer than the agreement allows, refused while they are read.
            14 => Pick(r,
                (HttpMethod.Post, "/api/agreements", Json(WithRaw(valid, "scope", Many("""{"area":"Health","description":"x"}""", 21))), token),
                (HttpMethod.Post, $"/api/agreements/{id}/review", Json($$"""{"steps":{{Many("""{"role":"Legal","name":"x","email":"a@b.id","daysAllowed":5}""", 11)}}}"""), token),
                (HttpMethod.Put, $"/api/agreements/{id}/action-plan", Json($$"""{"items":{{Many("""{"activity":"x","owner":"y","frequency":"z","status":"Planned"}""", 201)}}}"""), token)),
            // Reviews that break segregation of duties: the submitter on a step, a stranger on the head's step, one person twice.
            15 => (HttpMethod.Post, $"/api/agreements/{drafting}/review", Json(Pick(r,
                $$"""{"steps":[{"role":"{{Pick(r, "Legal", "HeadOfInstitution", "Kanwil")}}","name":"Saya","email":"{{self}}","daysAllowed":5}]}""",
                $$"""{"steps":[{"role":"HeadOfInstitution","name":"Kawan","email":"kawan{{r.Next(1000)}}@lapas.go.id","daysAllowed":5}]}""",
                $$"""{"steps":[{"role":"Kanwil","name":"Kawan","email":"kawan{{r.Next(1000)}}@kanwil.go.id","daysAllowed":5}]}""",
                """{"steps":[{"role":"Legal","name":"A","email":"a@b.id","daysAllowed":5},{"role":"Other","name":"A","email":"A@B.ID","daysAllowed":5}]}""")), token),
            // Imports by staff, and imports whose signed copy comes before the agreement.
            16 => (HttpMethod.Post, "/api/agreements/import", Api.ImportForm(w, "2025-10-14", 12), token),
            17 => (HttpMethod.Post, "/api/agreements/import", Api.FileFirst(Api.ImportForm(w, "2025-10-14", 12)), w.KanwilToken),
            // A page form the framework cannot read (the signed-in pages are tried in RequestHardeningTests).
            _ => (HttpMethod.Post, "/app/masuk",
                new FormUrlEncodedContent(Enumerable.Range(0, 1025 + r.Next(500)).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))), null),
        };
    }

    [Fact]
    public async Task RedirectTargetsBuiltToLeaveTheSiteStayOnIt()
    {
        var client = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var random = new Random(20261125);
        string[] starts = ["/", "//", "/\\", "\\", "https:", "http://", "javascript:", "/%09", "~/", "/./", "%2F%2F", ""];
        string[] middles = ["evil.example", "\t", "\n", "\r", "\\", "/", "@", ":", "..", "%00", " ", "\u0001"];
        for (var i = 0; i < 1000; i++)
        {
            var target = starts[random.Next(starts.Length)] + string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => middles[random.Next(middles.Length)]));
            var response = await client.GetAsync($"/app/bahasa?l=id&kembali={Uri.EscapeDataString(target)}");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{target}: {(int)response.StatusCode}");
            var location = response.Headers.Location!.OriginalString;
            Assert.True(location == "/app" || (location == target && IsPlainLocalPath(location)), $"{target} went to {location}");
        }
    }

    /// <summary>A path on this site that no browser reads as another host: one leading slash, no backslash, no control character.</summary>
    private static bool IsPlainLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//") && !url.Contains('\\') && !url.Any(char.IsControl);

    private static T Pick<T>(Random r, params T[] items) => items[r.Next(items.Length)];

    private static string WithField(JsonObject valid, string field, string value)
    {
        var copy = valid.DeepClone().AsObject();
        copy[field] = value;
        return copy.ToJsonString();
    }

    private static string WithRaw(JsonObject valid, string field, string json)
    {
        var copy = valid.DeepClone().AsObject();
        copy[field] = JsonNode.Parse(json);
        return copy.ToJsonString();
    }

    private static string Escape(string text) => JsonSerializer.Serialize(text)[1..^1];


    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Truncated(Random r, string json)
    {
        while (true)
        {
            var cut = json[..r.Next(1, json.Length - 1)];
            try { JsonDocument.Parse(cut); }
            catch (JsonException) { return cut; }
        }
    }

    private static string WrongType(Random r, JsonObject valid)
    {
        var copy = valid.DeepClone().AsObject();
        var field = Pick(r, "title", "validityMonths", "scope", "kind", "audiensi", "institutionId");
        copy[field] = field == "validityMonths" ? JsonValue.Create("dua belas") : field == "scope" ? JsonValue.Create(7) : JsonValue.Create(true);
        if (field == "audiensi") copy[field] = JsonValue.Create("kemarin");
        return copy.ToJsonString();
    }

    private static string Impossible(Random r, JsonObject valid)
    {
        var copy = valid.DeepClone().AsObject();
        switch (r.Next(5))
        {
            case 0: copy["validityMonths"] = r.Next(2) == 0 ? r.Next(-100, 12) : r.Next(61, 10_000); break;
            case 1: copy["title"] = new string('T', r.Next(301, 5_000)); break;
            case 2: copy["partnerId"] = "mitra-tidak-ada-" + r.Next(); break;
            case 3: copy["scope"] = new JsonArray(); break;
            default: copy["institutionId"] = "Lapas#" + r.Next(); break;
        }
        return copy.ToJsonString();
    }

    private static HttpContent GarbageMultipart(Random r)
    {
        switch (r.Next(4))
        {
            case 0:
                var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\nnot really\r\n"));
                noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return noBoundary;
            case 1:
                var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.4 tanpa akhir"));
                broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
                return broken;
            case 2:
                var text = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("bukan pdf sama sekali")), "file", "x.pdf" } };
                return text;
            default:
                return new MultipartFormDataContent { { new StringContent("{"), "agreement" }, { new StringContent("x"), "signedOn" } };
        }
    }
}
