using System.Net;
using System.Text;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// Every endpoint × every kind of caller: who gets past authorization (any answer but 401/403) and who is refused (403).
/// Each request is built to fail after authorization (a bad body, a wrong state), so the matrix changes nothing it tests.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class AuthorizationMatrixTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task EachCallerReachesExactlyWhatTheirRoleAllows()
    {
        var w = await api.NewWorldAsync();
        var other = await api.NewWorldAsync();
        await api.AddKanwilAsync(w);
        var suffix = w.InstitutionId[6..];
        var (official, deputy) = ($"hukum@{suffix}.go.id", $"wakil@{suffix}.go.id");
        await api.SetDelegatesAsync(w, w.InstitutionId, deputy);
        var drafting = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(drafting, w.StaffToken), HttpStatusCode.Created);
        var inReview = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(inReview, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{inReview}/review", w.StaffToken, new
        {
            steps = new[] { new { role = "Legal", name = "Analis", email = official, daysAllowed = 5 }, new { role = "HeadOfInstitution", name = "Wakil", email = deputy, daysAllowed = 5 } },
        }), HttpStatusCode.OK);
        var document = (await api.GetAsync($"/api/agreements/{drafting}", w.StaffToken))["drafts"]![0]!["documentId"]!.GetValue<string>();

        var callers = new Dictionary<string, string>
        {
            ["admin"] = w.AdminToken,
            ["kanwil"] = w.KanwilToken,
            ["kanwil of another region"] = other.KanwilToken,
            ["staff"] = w.StaffToken,
            ["staff of another institution"] = other.StaffToken,
            ["reviewer"] = await api.TokenAsync($"reviewer@{suffix}.go.id", "Reviewer", ["reviewer"], w.InstitutionId, w.RegionId),
            ["official"] = await api.OfficialTokenAsync(official),
            ["delegate"] = await api.TokenAsync(deputy, "Wakil", ["approver"], w.InstitutionId, w.RegionId),
            ["no known role"] = CraftedToken.With(("email", $"tamu@{suffix}.go.id"), ("roles", "tamu"), ("institution", w.InstitutionId), ("region", w.RegionId)),
            ["no e-mail"] = CraftedToken.With(("name", "Tanpa Email"), ("roles", "admin")),
        };
        string[] everyKnown = ["admin", "kanwil", "kanwil of another region", "staff", "staff of another institution", "reviewer", "official", "delegate"];
        string[] readers = ["admin", "kanwil", "staff", "reviewer", "delegate"];
        string[] writers = ["admin", "kanwil", "staff"];
        var badTitle = $$"""{"institutionId":"{{w.InstitutionId}}","partnerId":"{{w.PartnerId}}","kind":"Pks","title":"","purpose":"x","scope":[{"area":"Health","description":"x"}],"validityMonths":12}""";

        var endpoints = new (string Name, string[] Allowed, Func<HttpRequestMessage> Request)[]
        {
            ("list", [.. everyKnown.Except(["official"])], () => new(HttpMethod.Get, "/api/agreements")),
            ("get", readers, () => new(HttpMethod.Get, $"/api/agreements/{drafting}")),
            ("history", readers, () => new(HttpMethod.Get, $"/api/agreements/{drafting}/history")),
            ("document", readers, () => new(HttpMethod.Get, $"/api/agreements/{drafting}/documents/{document}")),
            ("institutions", everyKnown, () => new(HttpMethod.Get, "/api/institutions")),
            ("partners", everyKnown, () => new(HttpMethod.Get, "/api/partners")),
            ("create", writers, () => new(HttpMethod.Post, "/api/agreements") { Content = Json(badTitle) }),
            ("import", ["admin", "kanwil"], () => new(HttpMethod.Post, "/api/agreements/import") { Content = Api.Form(Api.Pdf(), "x.pdf", ("agreement", badTitle[..^1] + ""","signedOn":"2025-10-14","place":"Aula"}""")) }),
            ("draft", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/drafts") { Content = Api.Form("bukan pdf"u8.ToArray(), "x.pdf") }),
            ("review", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/review") { Content = Json("""{"steps":[]}""") }),
            ("decision", ["admin", "official", "delegate"], () => new(HttpMethod.Post, $"/api/agreements/{inReview}/review/decision") { Content = Json("{}") }),
            ("signing", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/signing") { Content = Api.Form("bukan pdf"u8.ToArray(), "x.pdf") }),
            ("action plan", writers, () => new(HttpMethod.Put, $"/api/agreements/{drafting}/action-plan") { Content = Json("""{"items":[{}]}""") }),
            ("evaluation", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/evaluations") { Content = Json("{}") }),
            ("renewal", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/renewal") { Content = Json("{}") }),
            ("termination", writers, () => new(HttpMethod.Post, $"/api/agreements/{drafting}/termination") { Content = Json("{}") }),
            // The region is in the body, so this one is valid: a Kanwil is refused for another region only once it is read.
            ("register institution", ["admin", "kanwil"], () => new(HttpMethod.Post, "/api/institutions") { Content = Json(
                $$"""{"id":"lapas-{{Guid.NewGuid():N}}","name":"Lapas Uji","kind":"Lapas","regionId":"{{w.RegionId}}","timeZone":"Asia/Makassar","headName":"Kalapas","headEmail":"kalapas@uji.go.id"}""") }),
            ("delegates", ["admin"], () => new(HttpMethod.Put, $"/api/institutions/{other.InstitutionId}/delegates") { Content = Json("""{"delegates":[{"name":"","email":"x"}]}""") }),
            ("register partner", writers.Append("staff of another institution").Append("kanwil of another region").ToArray(),
                () => new(HttpMethod.Post, "/api/partners") { Content = Json("""{"id":"Bukan Slug"}""") }),
            ("rebuild lists", ["admin"], () => new(HttpMethod.Post, "/api/admin/rebuild-lists")),
        };

        var wrong = new List<string>();
        foreach (var (name, allowed, make) in endpoints)
            foreach (var (caller, token) in callers)
            {
                using var request = make();
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                var status = (await api.Http.SendAsync(request)).StatusCode;
                var passed = status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                if (status >= HttpStatusCode.InternalServerError || passed != allowed.Contains(caller))
                    wrong.Add($"{name} by {caller}: {(int)status}, expected {(allowed.Contains(caller) ? "allowed" : "403")}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
