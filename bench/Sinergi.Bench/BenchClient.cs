using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Sinergi.Bench;

public sealed record World(string InstitutionId, string PartnerId, string RegionId, string StaffToken, string AdminToken, string Suffix);

/// <summary>The API as an integration uses it, over real HTTP on loopback.</summary>
public sealed class BenchClient(string baseUrl) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(100),
    };

    public async Task<string> TokenAsync(string email, string[] roles, string? institution = null, string? region = null) =>
        (await JsonAsync(HttpMethod.Post, "/api/dev/token", null, JsonContent.Create(new { email, name = "Pengguna Bench", roles, institution, region })))["token"]!.GetValue<string>();

    public async Task<World> NewWorldAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (institution, partner, region) = ($"lapas-{suffix}", $"mitra-{suffix}", $"kanwil-{suffix}");
        var admin = await TokenAsync("admin@ditjenpas.go.id", ["admin"]);
        await JsonAsync(HttpMethod.Post, "/api/institutions", admin, JsonContent.Create(new
        {
            id = institution, name = "Lapas Kelas IIA Samarinda", kind = "Lapas", @class = "IIA", regionId = region,
            timeZone = "Asia/Makassar", headName = "Kalapas", headEmail = $"kalapas@{suffix}.go.id",
        }), HttpStatusCode.Created);
        await JsonAsync(HttpMethod.Post, "/api/partners", admin, JsonContent.Create(new
        {
            id = partner, name = "Dewan UKM Kalimantan Timur", kind = "Other", contactName = "Ketua", contactEmail = $"ketua@{suffix}.or.id",
        }), HttpStatusCode.Created);
        await JsonAsync(HttpMethod.Post, "/api/institutions", admin, JsonContent.Create(new
        {
            id = region, name = "Kanwil Kemenkumham Kalimantan Timur", kind = "Kanwil", regionId = region,
            timeZone = "Asia/Makassar", headName = "Kakanwil", headEmail = $"kakanwil@{suffix}.go.id",
        }), HttpStatusCode.Created);
        var staff = await TokenAsync($"staf@{suffix}.go.id", ["staff"], institution, region);
        return new World(institution, partner, region, staff, admin, suffix);
    }

    public static object NewAgreement(World w, int validityMonths = 12) => new
    {
        institutionId = w.InstitutionId,
        partnerId = w.PartnerId,
        kind = "Pks",
        title = "PKS Pembinaan Kemandirian WBP",
        purpose = "Membina kemandirian warga binaan dan memasarkan hasil karya mereka.",
        scope = new[] { new { area = "ProductMarketing", description = "Pemasaran produk hasil karya WBP" } },
        validityMonths,
    };

    public async Task<string> CreateAsync(World w) =>
        (await JsonAsync(HttpMethod.Post, "/api/agreements", w.StaffToken, JsonContent.Create(NewAgreement(w)), HttpStatusCode.Created))["id"]!.GetValue<string>();

    /// <summary>An agreement signed before Sinergi: Active from the day it was signed.</summary>
    public async Task<string> ImportAsync(World w, string signedOn)
    {
        var body = JsonSerializerNode(NewAgreement(w));
        body["signedOn"] = signedOn;
        body["place"] = "Aula Lapas";
        body["signatories"] = JsonNode.Parse("""[{"name":"Kalapas","position":"Kepala Lapas","organization":"Lapas"},{"name":"Ketua","position":"Ketua","organization":"Dewan UKM"}]""");
        var form = Form(Pdf(), "pks.pdf", ("agreement", body.ToJsonString()));
        // Import is the Kanwil's and admin's.
        return (await JsonAsync(HttpMethod.Post, "/api/agreements/import", w.AdminToken, form, HttpStatusCode.Created))["id"]!.GetValue<string>();
    }

    public static StringContent ActionPlan(int n) => new(
        $$"""{"items":[{"activity":"Pelatihan konveksi {{n}}","owner":"Kasi Giatja","frequency":"bulanan","status":"InProgress"}]}""",
        Encoding.UTF8, "application/json");

    public static object Steps(params string[] emails) => new
    {
        steps = emails.Select((e, i) => new { role = i == 0 ? "Legal" : i == 1 ? "Other" : "Partner", name = $"Pejabat {i + 1}", email = e, daysAllowed = 5 }),
    };

    public static MultipartFormDataContent Form(HttpContent file, string fileName, params (string Name, string? Value)[] fields)
    {
        // The fields, then the file, as a browser sends a form.
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            if (value is not null) form.Add(new StringContent(value), name);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return form;
    }

    public static MultipartFormDataContent Form(byte[] file, string fileName, params (string Name, string? Value)[] fields) =>
        Form(new ByteArrayContent(file), fileName, fields);

    public static byte[] Pdf() =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token, HttpContent? content = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(method, path, token, content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected) throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject JsonSerializerNode(object value) =>
        System.Text.Json.JsonSerializer.SerializeToNode(value, Workflow.Functions.Hosting.SinergiJson.Options)!.AsObject();

    public void Dispose() => http.Dispose();
}
