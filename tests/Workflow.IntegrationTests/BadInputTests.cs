using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Functions.Hosting;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>Every bad request gets a 4xx problem and leaves storage exactly as it was.</summary>
[Collection(SinergiCollection.Name)]
public sealed class BadInputTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private sealed record Setup(World World, string DraftingId, string ApprovedId, string InReviewId);

    private delegate Task<HttpResponseMessage> BadRequest(Api api, Setup s);

    private static readonly Dictionary<string, (HttpStatusCode Status, BadRequest Send)> Cases = new()
    {
        ["malformed JSON"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken, "{\"title\": ")),
        ["empty body"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken, "")),
        ["JSON null body"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken, "null")),
        ["wrong JSON type"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            $$"""{"institutionId":"{{s.World.InstitutionId}}","validityMonths":"dua belas"}""")),
        ["unknown enum value"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            $$"""{"institutionId":"{{s.World.InstitutionId}}","kind":"Kontrak"}""")),
        ["missing fields"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            $$"""{"institutionId":"{{s.World.InstitutionId}}","partnerId":"{{s.World.PartnerId}}"}""")),
        ["oversized title"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            Replace(Api.NewAgreementBody(s.World), "title", new string('T', 10_000)))),
        ["validity of 6 months"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            Api.NewAgreementBody(s.World, validityMonths: 6))),
        ["unknown institution"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.AdminToken,
            Replace(Api.NewAgreementBody(s.World), "institutionId", "lapas-tidak-ada"))),
        ["unknown partner"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            Replace(Api.NewAgreementBody(s.World), "partnerId", "mitra-tidak-ada"))),
        ["unknown parent agreement"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            Replace(Api.NewAgreementBody(s.World), "parentAgreementId", "agr-tidak-ada"))),
        ["unknown agreement"] = (HttpStatusCode.NotFound, (a, s) => a.Send(HttpMethod.Get, "/api/agreements/agr-tidak-ada", s.World.StaffToken)),
        ["command on unknown agreement"] = (HttpStatusCode.NotFound, (a, s) => a.Send(HttpMethod.Put, "/api/agreements/agr-tidak-ada/action-plan",
            s.World.StaffToken, new { items = Array.Empty<object>() })),
        ["unknown document"] = (HttpStatusCode.NotFound, (a, s) => a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}/documents/doc-tidak-ada", s.World.StaffToken)),
        ["institution id with slash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution("lapas/bontang"))),
        ["institution id with backslash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution("lapas\\bontang"))),
        ["institution id with hash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution("lapas#bontang"))),
        ["institution id with question mark"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution("lapas?bontang"))),
        ["institution id with control character"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution("lapas\u0001bontang"))),
        ["partner id too long"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/partners", s.World.AdminToken,
            new { id = new string('a', 65), name = "Mitra", kind = "Bank", contactName = "X", contactEmail = "x@y.id" })),
        ["route id with hash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements/agr%23x", s.World.StaffToken)),
        ["route id with question mark"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements/agr%3Fx/history", s.World.StaffToken)),
        ["route id with backslash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements/agr%5Cx/review", s.World.StaffToken, Api.Steps("a@b.id"))),
        ["route id with control character"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements/agr%01x", s.World.StaffToken)),
        ["route id with encoded slash"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements/agr%2Fx", s.World.StaffToken)),
        ["duplicate institution"] = (HttpStatusCode.Conflict, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.AdminToken, Institution(s.World.InstitutionId))),
        ["text file named .pdf"] = (HttpStatusCode.UnsupportedMediaType, (a, s) => a.UploadDraftAsync(s.DraftingId, s.World.StaffToken, "bukan PDF, hanya teks\n"u8.ToArray(), "draf.pdf")),
        ["executable named .docx"] = (HttpStatusCode.UnsupportedMediaType, (a, s) => a.UploadDraftAsync(s.DraftingId, s.World.StaffToken, [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0], "draf.docx")),
        ["empty file"] = (HttpStatusCode.BadRequest, (a, s) => a.UploadDraftAsync(s.DraftingId, s.World.StaffToken, [], "draf.pdf")),
        ["file over the limit"] = (HttpStatusCode.RequestEntityTooLarge, (a, s) => a.UploadDraftAsync(s.DraftingId, s.World.StaffToken,
            Api.Pdf(padding: (int)SinergiFactory.MaxDocumentBytes), "besar.pdf")),
        ["upload without multipart"] = (HttpStatusCode.UnsupportedMediaType, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.DraftingId}/drafts", s.World.StaffToken, new { file = "x" })),
        ["upload without file"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.DraftingId}/drafts", s.World.StaffToken,
            new MultipartFormDataContent { { new StringContent("catatan"), "note" } })),
        ["signing a draft"] = (HttpStatusCode.Conflict, (a, s) => a.SignAsync(s.DraftingId, s.World.StaffToken)),
        ["review without a new draft"] = (HttpStatusCode.Conflict, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.ApprovedId}/review", s.World.StaffToken, Api.Steps("a@b.id"))),
        ["decision with no review open"] = (HttpStatusCode.Conflict, (a, s) => a.DecideAsync(s.ApprovedId, s.World.AdminToken, 1, 1, "approve")),
        ["withdrawing a termination never scheduled"] = (HttpStatusCode.Conflict, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.ApprovedId}/termination/withdrawal",
            s.World.StaffToken, new { reason = "Batal." })),
        ["withdrawal as malformed JSON"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.ApprovedId}/termination/withdrawal",
            s.World.StaffToken, "{\"reason\": ")),
        ["renewal of a draft"] = (HttpStatusCode.Conflict, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.DraftingId}/renewal", s.World.StaffToken, new { validityMonths = 12 })),
        ["signing with a bad date"] = (HttpStatusCode.BadRequest, (a, s) => a.SignAsync(s.ApprovedId, s.World.StaffToken, "5 November 2025")),
        ["signing with malformed signatories"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.ApprovedId}/signing", s.World.StaffToken,
            Api.Form(Api.Pdf(), "x.pdf", ("signedOn", "2025-11-05"), ("place", "Balikpapan"), ("signatories", "[{nama")))),
        ["evaluation as plain text"] = (HttpStatusCode.UnsupportedMediaType, (a, s) => a.Send(HttpMethod.Post, $"/api/agreements/{s.ApprovedId}/evaluations", s.World.StaffToken,
            new StringContent("bagus", Encoding.UTF8, "text/plain"))),
        ["bad status filter"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements?status=Aktif", s.World.StaffToken)),
        ["bad date filter"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Get, "/api/agreements?expiresBefore=besok", s.World.StaffToken)),
        ["user of another institution reads"] = (HttpStatusCode.Forbidden, async (a, s) => await a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}", await Outsider(a))),
        ["user of another institution uploads"] = (HttpStatusCode.Forbidden, async (a, s) => await a.UploadDraftAsync(s.DraftingId, await Outsider(a))),
        ["user of another institution lists"] = (HttpStatusCode.Forbidden, async (a, s) => await a.Send(HttpMethod.Get, $"/api/agreements?institutionId={s.World.InstitutionId}", await Outsider(a))),
        ["user of another institution downloads"] = (HttpStatusCode.Forbidden, async (a, s) =>
        {
            var draft = (await a.GetAsync($"/api/agreements/{s.DraftingId}", s.World.StaffToken))["drafts"]![0]!["documentId"]!.GetValue<string>();
            return await a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}/documents/{draft}", await Outsider(a));
        }),
        ["creating for another institution"] = (HttpStatusCode.Forbidden, async (a, s) => await a.Send(HttpMethod.Post, "/api/agreements", await Outsider(a), Api.NewAgreementBody(s.World))),
        ["reviewer decides someone else's step"] = (HttpStatusCode.Forbidden, async (a, s) =>
            await a.DecideAsync(s.InReviewId, await a.OfficialTokenAsync("orang.lain@kanwil.go.id"), 1, 1, "approve")),
        ["decision on a round that does not exist"] = (HttpStatusCode.Conflict, (a, s) => a.DecideAsync(s.InReviewId, s.World.AdminToken, 2, 1, "approve")),
        ["official decides a round they are not in"] = (HttpStatusCode.Forbidden, async (a, s) =>
            await a.DecideAsync(s.InReviewId, await a.OfficialTokenAsync("hukum@kanwil.go.id"), 2, 1, "approve")),
        ["decision on a step out of turn"] = (HttpStatusCode.Conflict, async (a, s) =>
            await a.DecideAsync(s.InReviewId, await a.OfficialTokenAsync("kalapas@lapas.go.id"), 1, 2, "approve")),
        ["request changes without a comment"] = (HttpStatusCode.BadRequest, async (a, s) =>
            await a.DecideAsync(s.InReviewId, await a.OfficialTokenAsync("hukum@kanwil.go.id"), 1, 1, "revise")),
        ["staff registers an institution"] = (HttpStatusCode.Forbidden, (a, s) => a.Send(HttpMethod.Post, "/api/institutions", s.World.StaffToken, Institution("lapas-baru"))),
        ["no token"] = (HttpStatusCode.Unauthorized, (a, s) => a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}", null)),
        ["no token on a command"] = (HttpStatusCode.Unauthorized, (a, s) => a.UploadDraftAsync(s.DraftingId, null!)),
        ["expired token"] = (HttpStatusCode.Unauthorized, (a, s) => a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}", Token(SinergiFactory.SigningKey, DateTime.UtcNow.AddHours(-1)))),
        ["forged token"] = (HttpStatusCode.Unauthorized, (a, s) => a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}",
            Token("a-key-that-the-app-has-never-seen-0123456789", DateTime.UtcNow.AddHours(1)))),
        ["garbage token"] = (HttpStatusCode.Unauthorized, (a, s) => a.Send(HttpMethod.Get, $"/api/agreements/{s.DraftingId}", "not.a.jwt")),
        ["idempotency key with spaces"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/agreements", s.World.StaffToken,
            Api.NewAgreementBody(s.World), new Dictionary<string, string> { ["Idempotency-Key"] = "kunci dengan spasi" })),
        ["dev token with unknown role"] = (HttpStatusCode.BadRequest, (a, s) => a.Send(HttpMethod.Post, "/api/dev/token", null,
            new { email = "a@b.id", name = "A", roles = new[] { "superuser" } })),
    };

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadRequestGetsAProblemAndChangesNothing(string name)
    {
        var setup = await SharedSetupAsync();
        await fixture.Storage.WaitForQuietAsync();
        var before = await fixture.Storage.SnapshotAsync();

        var (status, send) = Cases[name];
        var response = await send(api, setup);
        var problem = await Api.Problem(response, status);
        if (status == HttpStatusCode.BadRequest && problem["errors"] is { } errors)
            Assert.NotEmpty(errors.AsObject());

        await fixture.Storage.WaitForQuietAsync();
        var after = await fixture.Storage.SnapshotAsync();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task MissingFieldsAreEachNamed()
    {
        var w = await api.NewWorldAsync();
        var problem = await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken,
            $$"""{"institutionId":"{{w.InstitutionId}}","partnerId":"{{w.PartnerId}}"}"""), HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "kind", "title", "purpose", "scope", "validityMonths" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        Assert.Equal("Wajib diisi.", errors["title"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonThatCannotBeReadIsNamedByItsFieldInWordsAndByItsProblemType()
    {
        var w = await api.NewWorldAsync();
        async Task<JsonObject> ErrorsAsync(string body) =>
            (await Api.Problem(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, body), HttpStatusCode.BadRequest))["errors"]!.AsObject();

        Assert.Equal("Nilai tidak dikenal; pilih salah satu: Mou, Pks, Addendum.", (await ErrorsAsync("""{"kind":"Kontrak"}"""))["kind"]![0]!.GetValue<string>());
        Assert.Equal("Harus bilangan bulat.", (await ErrorsAsync("""{"validityMonths":"dua belas"}"""))["validityMonths"]![0]!.GetValue<string>());
        Assert.Equal("Tanggal harus berformat yyyy-MM-dd.", (await ErrorsAsync("""{"audiensi":{"date":"13/03/2023"}}"""))["audiensi.date"]![0]!.GetValue<string>());
        // The serializer names a value read for a record's constructor without its parents: "area", not "scope[1].area".
        var scope = await ErrorsAsync("""{"scope":[{"area":"Health"},{"area":"Sulap"}]}""");
        Assert.StartsWith("Nilai tidak dikenal; pilih salah satu: Health, Education", scope.Single(e => e.Key.EndsWith("area")).Value![0]!.GetValue<string>());
        Assert.Contains("baris 1, kolom", (await ErrorsAsync("""{"title": """))["body"]![0]!.GetValue<string>());

        var move = await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{(await api.CreateAsync(w))["id"]}/review", w.StaffToken,
            Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.Conflict);
        Assert.Equal(ProblemTypes.InvalidMove, move["type"]!.GetValue<string>());
    }

    private static readonly SemaphoreSlim SetupOnce = new(1, 1);
    private static Setup? shared;

    /// <summary>
    /// One set of agreements for every case: each case checks that its bad request changed nothing, so the next one
    /// finds them as they were (and a case that did change something fails on its own).
    /// </summary>
    private async Task<Setup> SharedSetupAsync()
    {
        await SetupOnce.WaitAsync();
        try { return shared ??= await SetupAsync(); }
        finally { SetupOnce.Release(); }
    }

    private async Task<Setup> SetupAsync()
    {
        var w = await api.NewWorldAsync();
        var drafting = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(drafting, w.StaffToken), HttpStatusCode.Created);
        var approved = await api.ApprovedAsync(w);
        var inReview = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(inReview, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{inReview}/review", w.StaffToken,
            Api.Steps("hukum@kanwil.go.id", "kalapas@lapas.go.id")), HttpStatusCode.OK);
        return new Setup(w, drafting, approved, inReview);
    }

    private static async Task<string> Outsider(Api a) =>
        await a.TokenAsync("staf@lapas-lain.go.id", "Staf Lapas Lain", ["staff"], "lapas-lain", "kanwil-lain");

    private static object Institution(string id) => new
    {
        id, name = "Lapas Baru", kind = "Lapas", regionId = "kaltim", timeZone = "Asia/Makassar", headName = "Kalapas", headEmail = "k@l.go.id",
    };

    private static Dictionary<string, object?> Replace(object body, string field, object value)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, Api.JsonOptions)!.AsObject();
        var dict = json.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone());
        dict[field] = value;
        return dict;
    }

    private static string Token(string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "sinergi-dev",
        Audience = "sinergi",
        Subject = new ClaimsIdentity([new Claim("email", "admin@ditjenpas.go.id"), new Claim("name", "Admin"), new Claim("roles", "admin")]),
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });
}
