using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Functions.Hosting;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>The institution, partner and users one test works with, under ids no other test uses.</summary>
/// <param name="HeadEmail">The head of the institution: the one who may sit on a HeadOfInstitution step.</param>
/// <param name="KanwilToken">A Kanwil user of the world's region: who may import.</param>
public sealed record World(string InstitutionId, string PartnerId, string RegionId, string StaffToken, string AdminToken, string HeadEmail, string KanwilToken);

/// <summary>Talks to the app as a client would: JSON and multipart over HTTP, with bearer tokens.</summary>
public sealed class Api(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<string> TokenAsync(string email, string name, string[] roles, string? institution = null, string? region = null)
    {
        var response = await http.PostAsJsonAsync("/api/dev/token", new { email, name, roles, institution, region });
        return (await Json(response, HttpStatusCode.OK))["token"]!.GetValue<string>();
    }

    public async Task<World> NewWorldAsync(string timeZone = "Asia/Makassar")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (institution, partner, region) = ($"lapas-{suffix}", $"mitra-{suffix}", $"kanwil-{suffix}");
        var admin = await TokenAsync("admin@ditjenpas.go.id", "Admin", ["admin"]);
        await Json(await Send(HttpMethod.Post, "/api/institutions", admin, new
        {
            id = institution, name = "Lapas Narkotika Kelas IIA Samarinda", kind = "Lapas", @class = "IIA", regionId = region,
            timeZone, headName = "Hidayat", headEmail = $"kalapas@{suffix}.go.id",
        }), HttpStatusCode.Created);
        await Json(await Send(HttpMethod.Post, "/api/partners", admin, new
        {
            id = partner, name = "Dewan UKM Provinsi Kalimantan Timur", kind = "Other", contactName = "Andi Fathul Khair", contactEmail = $"ketua@{suffix}.or.id",
        }), HttpStatusCode.Created);
        var staff = await TokenAsync($"staf@{suffix}.go.id", "Staf Lapas", ["staff"], institution, region);
        var kanwil = await TokenAsync($"kanwil@{suffix}.go.id", "Staf Kanwil", ["kanwil"], region: region);
        return new World(institution, partner, region, staff, admin, $"kalapas@{suffix}.go.id", kanwil);
    }

    public static object NewAgreementBody(World w, object? audiensi = null, int validityMonths = 12, string title = "PKS Pembinaan Kemandirian WBP") => new
    {
        institutionId = w.InstitutionId,
        partnerId = w.PartnerId,
        kind = "Pks",
        title,
        purpose = "Membina kemandirian warga binaan dan memasarkan hasil karya mereka.",
        scope = new[] { new { area = "ProductMarketing", description = "Pemasaran produk hasil karya WBP" } },
        validityMonths,
        audiensi,
    };

    /// <summary>
    /// Registers the Kanwil of the world's region, whose head gets renewal notices and escalations, and the reviewers an
    /// admin lets sit on its Kanwil steps besides the head.
    /// </summary>
    public async Task<string> AddKanwilAsync(World w, params string[] reviewers)
    {
        var email = $"kakanwil@{w.RegionId}.go.id";
        await Json(await Send(HttpMethod.Post, "/api/institutions", w.AdminToken, new
        {
            id = w.RegionId, name = "Kantor Wilayah Ditjen Pemasyarakatan", kind = "Kanwil", regionId = w.RegionId,
            timeZone = "Asia/Makassar", headName = "Kepala Kanwil", headEmail = email,
        }), HttpStatusCode.Created);
        if (reviewers.Length > 0) await SetDelegatesAsync(w, w.RegionId, reviewers);
        return email;
    }

    /// <summary>The admin registers who besides the head may decide for an institution (or, for a Kanwil, on its Kanwil steps).</summary>
    public async Task SetDelegatesAsync(World w, string institutionId, params string[] emails) =>
        await Json(await Send(HttpMethod.Put, $"/api/institutions/{institutionId}/delegates", w.AdminToken,
            new { delegates = emails.Select((e, i) => new { name = $"Delegasi {i + 1}", email = e }) }), HttpStatusCode.OK);

    public static MultipartFormDataContent ImportForm(World w, string signedOn, int months, string? renewalOfId = null, byte[]? file = null)
    {
        var body = JsonSerializer.SerializeToNode(NewAgreementBody(w, validityMonths: months), JsonOptions)!.AsObject();
        body["signedOn"] = signedOn;
        body["place"] = "Auditorium Pemkab HST";
        body["signatories"] = JsonNode.Parse("""[{"name":"Gusti Iskandarsyah","position":"Kepala Rutan","organization":"Rutan Barabai"},{"name":"Kepala Dinas","position":"Kepala Dinas Kesehatan","organization":"Pemkab HST"}]""");
        body["witnesses"] = JsonNode.Parse("""[{"name":"H Aulia Oktafiandi","position":"Bupati","organization":"Pemkab HST"}]""");
        body["renewalOfId"] = renewalOfId;
        return Form(file ?? Pdf(), "pks-ditandatangani.pdf", ("agreement", body.ToJsonString()));
    }

    /// <summary>Imports as the Kanwil of the world's region (import is the Kanwil's and admin's).</summary>
    public async Task<string> ImportAsync(World w, string signedOn, int months, string? renewalOfId = null) =>
        (await Json(await Send(HttpMethod.Post, "/api/agreements/import", w.KanwilToken, ImportForm(w, signedOn, months, renewalOfId)), HttpStatusCode.Created))["id"]!.GetValue<string>();

    /// <summary>Runs the sweep now; answers the timers it fired, as "agreementId timerId".</summary>
    /// <summary>The notices fired on the agreement so far (the ids its history's reminder and notice events carry), oldest first.</summary>
    public async Task<IReadOnlyList<string>> NoticesAsync(string id)
    {
        var history = await GetAsync($"/api/agreements/{id}/history", await AdminTokenAsync());
        return history["events"]!.AsArray().Select(e => e!["data"]?["noticeId"]?.GetValue<string>()).OfType<string>().ToList();
    }

    public async Task<IReadOnlyList<string>> SweepAsync()
    {
        var result = await Json(await Send(HttpMethod.Post, "/api/dev/sweep", null), HttpStatusCode.OK);
        return result["firedTimers"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
    }

    public async Task<string> AdminTokenAsync() => await TokenAsync("admin@ditjenpas.go.id", "Admin", ["admin"]);

    public static object Audiensi() => new
    {
        date = "2025-10-24",
        place = "Kantor Wali Kota Bontang",
        attendees = new[] { new { name = "Neni Moerniaeni", position = "Wali Kota", organization = "Pemkot Bontang" } },
        notes = "Penyerahan draf MoU",
    };

    public async Task<JsonObject> CreateAsync(World w, object? audiensi = null, int validityMonths = 12) =>
        await Json(await Send(HttpMethod.Post, "/api/agreements", w.StaffToken, NewAgreementBody(w, audiensi, validityMonths)), HttpStatusCode.Created);

    public Task<HttpResponseMessage> UploadDraftAsync(string id, string token, byte[]? file = null, string fileName = "draf.pdf", string? note = null) =>
        Send(HttpMethod.Post, $"/api/agreements/{id}/drafts", token, Form(file ?? Pdf(), fileName, ("note", note)));

    /// <summary>Review steps for officials the directory does not have to know: Legal, then Other, then Partner.</summary>
    public static object Steps(params string[] emails) => new
    {
        steps = emails.Select((e, i) => new { role = i == 0 ? "Legal" : i == 1 ? "Other" : "Partner", name = $"Pejabat {i + 1}", email = e, daysAllowed = 5 }),
    };

    /// <summary>A Legal step, then the head of the institution, who alone (or a delegate) may sit on a HeadOfInstitution step.</summary>
    public static object StepsWithHead(World w, string legal) => new
    {
        steps = new[]
        {
            new { role = "Legal", name = "Analis Hukum", email = legal, daysAllowed = 5 },
            new { role = "HeadOfInstitution", name = "Kepala Lapas", email = w.HeadEmail, daysAllowed = 5 },
        },
    };

    public Task<HttpResponseMessage> DecideAsync(string id, string token, int round, int step, string decision, string? comment = null) =>
        Send(HttpMethod.Post, $"/api/agreements/{id}/review/decision", token, new { round, step, decision, comment });

    public async Task<string> OfficialTokenAsync(string email) => await TokenAsync(email, "Pejabat", ["approver"]);

    public Task<HttpResponseMessage> SignAsync(string id, string token, string signedOn = "2025-11-05", byte[]? file = null, string? effectiveFrom = null) =>
        Send(HttpMethod.Post, $"/api/agreements/{id}/signing", token, Form(file ?? Pdf(), "ditandatangani.pdf",
            ("signedOn", signedOn), ("place", "Rutan Balikpapan"), ("effectiveFrom", effectiveFrom),
            ("signatories", """[{"name":"Agus Salim","position":"Kepala Rutan","organization":"Rutan Balikpapan"},{"name":"Mohammad Effendi","position":"Pimpinan","organization":"Yayasan SEKATA"}]"""),
            ("witnesses", """[{"name":"Pejabat Struktural","position":"Kasubsi","organization":"Rutan Balikpapan"}]""")));

    /// <summary>Takes an agreement from creation to Approved with a one-step review decided by an admin.</summary>
    public async Task<string> ApprovedAsync(World w)
    {
        var id = (await CreateAsync(w))["id"]!.GetValue<string>();
        await Json(await UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Json(await Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        await Json(await DecideAsync(id, w.AdminToken, 1, 1, "approve"), HttpStatusCode.OK);
        return id;
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? token, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body, body.GetType(), options: SinergiJson.Options),
        };
        return await http.SendAsync(request);
    }

    public async Task<JsonObject> GetAsync(string url, string token) => await Json(await Send(HttpMethod.Get, url, token), HttpStatusCode.OK);

    /// <summary>A multipart form as a browser sends one: the fields, then the file.</summary>
    public static MultipartFormDataContent Form(byte[] file, string fileName, params (string Name, string? Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            if (value is not null) form.Add(new StringContent(value), name);
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    /// <summary>The same form with its parts the other way round: the file first.</summary>
    public static MultipartFormDataContent FileFirst(MultipartFormDataContent form)
    {
        var reversed = new MultipartFormDataContent();
        foreach (var part in form.Reverse()) reversed.Add(part);
        return reversed;
    }

    /// <summary>A small, real PDF; each one different so its hash is its own.</summary>
    public static byte[] Pdf(int padding = 0) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n1 0 obj<</Type/Catalog>>endobj\n{new string('x', padding)}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static async Task<JsonObject> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem with the status and returns it.</summary>
    public static async Task<JsonObject> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await Json(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        // Each kind of refusal has its own documented type; a 400 names its fields; no answer shows a .NET type name.
        var type = problem["type"]?.GetValue<string>();
        var kinds = ProblemTypes.All.Where(k => k.Status == (int)expected).Select(k => k.Type).ToList();
        if (kinds.Count > 0) Assert.Contains(type, kinds);
        if (expected == HttpStatusCode.BadRequest) Assert.NotEmpty(problem["errors"]!.AsObject());
        var text = problem.ToJsonString();
        foreach (var leak in new[] { "System.", "Workflow.", "Microsoft." }) Assert.DoesNotContain(leak, text);
        return problem;
    }

    public static JsonSerializerOptions JsonOptions => SinergiJson.Options;
}
