using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sinergi.Demo;

/// <summary>
/// Loads the demo through the public API, as an admin. Every write carries an Idempotency-Key
/// (or is a registration that answers 409 when it exists), so loading twice changes nothing.
/// </summary>
internal sealed class DemoLoader(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int created;
    private int replayed;

    public async Task LoadAsync()
    {
        var token = await PostJson("/api/dev/token", new { email = "admin@sinergi.example", name = "Admin Sinergi", roles = new[] { "admin" } });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["token"]!.GetValue<string>());

        foreach (var i in DemoData.Institutions)
            await Register("/api/institutions", new { i.Id, i.Name, i.Kind, i.Class, i.RegionId, timeZone = "Asia/Makassar", i.HeadName, i.HeadEmail });
        var partners = DemoData.TenggarongPartners.Concat(DemoData.BarabaiPartners.Select(b => b.Partner))
            .Append(DemoData.Sekata).Append(DemoData.DewanUkm).Append(DemoData.PemkotBontang).DistinctBy(p => p.Id);
        foreach (var p in partners)
            await Register("/api/partners", new { p.Id, p.Name, p.Kind, p.ContactName, p.ContactEmail });

        await LoadTenggarongAsync();
        await LoadBalikpapanAsync();
        await LoadBarabaiAsync();
        await LoadSamarindaAsync();
        await LoadBontangAsync();
        Console.WriteLine($"Demo data: {created} written, {replayed} already there.");
    }

    private async Task LoadTenggarongAsync()
    {
        foreach (var p in DemoData.TenggarongPartners)
            await Import($"tenggarong-{p.Id}", DemoData.Tenggarong, p, $"PKS Pembinaan Warga Binaan Lapas Tenggarong dengan {p.Name}",
                "2025-10-14", "Pendopo Odah Etam, Tenggarong", 24, witnesses: [Person("Sunggono", "Sekretaris Daerah", "Pemkab Kutai Kartanegara")]);
    }

    private async Task LoadBalikpapanAsync()
    {
        var pks = await Import("balikpapan-sekata", DemoData.Balikpapan, DemoData.Sekata,
            "PKS Program Rehabilitasi Pemasyarakatan bagi Warga Binaan Rutan Kelas IIA Balikpapan", "2025-11-05", "Rutan Kelas IIA Balikpapan", 24,
            purpose: "Landasan pelaksanaan Program Rehabilitasi Pemasyarakatan bagi Warga Binaan Rutan Kelas IIA Balikpapan, agar berjalan efektif dan berkesinambungan; Yayasan SEKATA menjadi penjamin Program Integrasi Warga Binaan.",
            witnesses: [Person("Pejabat Struktural", "Pejabat Struktural", "Rutan Kelas IIA Balikpapan")]);
        await Send(HttpMethod.Put, $"/api/agreements/{pks}/action-plan", "balikpapan-sekata-plan", new
        {
            items = new object[]
            {
                new { activity = "Bimbingan teknis dan materi NAPZA", owner = "Yayasan SEKATA", frequency = "bulanan", status = "InProgress" },
                new { activity = "Pendampingan warga binaan peserta rehabilitasi", owner = "Seksi Pelayanan Tahanan", frequency = "mingguan", status = "InProgress" },
                new { activity = "Evaluasi berkala program rehabilitasi", owner = "Kepala Rutan", dueOn = "2026-05-05", status = "Planned" },
            },
        });
    }

    private async Task LoadBarabaiAsync()
    {
        foreach (var (p, renewal) in DemoData.BarabaiPartners)
        {
            string? previous = null;
            if (renewal)
                previous = await Import($"barabai-{p.Id}-2020", DemoData.Barabai, p, $"PKS Pelayanan dan Pembinaan WBP Rutan Barabai dengan {p.Name} (2020-2023)",
                    "2020-03-13", "Rutan Kelas IIB Barabai", 36);
            await Import($"barabai-{p.Id}-2023", DemoData.Barabai, p, $"PKS Pelayanan dan Pembinaan WBP Rutan Barabai dengan {p.Name}",
                "2023-03-13", "Auditorium Pemkab Hulu Sungai Tengah", 36, renewalOfId: previous,
                witnesses: [Person("H Aulia Oktafiandi", "Bupati", "Pemkab Hulu Sungai Tengah"), Person("Muhammad Yani", "Sekretaris Daerah", "Pemkab Hulu Sungai Tengah")]);
        }
    }

    private async Task LoadSamarindaAsync()
    {
        var pks = await Import("samarinda-dewan-ukm", DemoData.Samarinda, DemoData.DewanUkm,
            "PKS Pembinaan Kemandirian dan Pemasaran Produk WBP Lapas Narkotika Samarinda", "2024-04-18", "Lapas Narkotika Kelas IIA Samarinda", 36);
        await Send(HttpMethod.Put, $"/api/agreements/{pks}/action-plan", "samarinda-dewan-ukm-plan", new
        {
            items = new object[]
            {
                new { activity = "Pendampingan SAE Konveksi", owner = "Dewan UKM Kaltim", frequency = "bulanan", status = "InProgress" },
                new { activity = "Pameran produk hasil karya WBP", owner = "Kasi Giatja", dueOn = "2025-08-17", status = "Done" },
            },
        });
        await Send(HttpMethod.Post, $"/api/agreements/{pks}/evaluations", "samarinda-dewan-ukm-eval-2026-04", new
        {
            periodEnd = "2026-04-18",
            summary = "Pendampingan konveksi berjalan; produk WBP dipasarkan melalui jaringan Dewan UKM.",
            recommendation = "Continue",
            itemScores = new[] { new { activity = "Pendampingan SAE Konveksi", score = 4 }, new { activity = "Pameran produk hasil karya WBP", score = 5 } },
        });
    }

    private async Task LoadBontangAsync()
    {
        var mou = await Send(HttpMethod.Post, "/api/agreements", "bontang-mou", new
        {
            institutionId = DemoData.Bontang.Id,
            partnerId = DemoData.PemkotBontang.Id,
            kind = "Mou",
            title = "Nota Kesepahaman Pembinaan Narapidana dan Anak Binaan antara Lapas Kelas IIA Bontang dan Pemerintah Kota Bontang",
            purpose = "Sistem pembimbingan yang holistik dan berkelanjutan agar warga binaan memperoleh keterampilan dan nilai positif sebelum kembali ke masyarakat.",
            scope = new[]
            {
                new { area = "Spiritual", description = "Pembinaan spiritual dan mental." },
                new { area = "WorkSkills", description = "Pelatihan kerja dan keterampilan sesuai kebutuhan dunia kerja." },
            },
            validityMonths = 60,
            audiensi = new
            {
                date = "2025-10-24",
                place = "Kantor Wali Kota Bontang",
                attendees = new[]
                {
                    Person("Neni Moerniaeni", "Wali Kota Bontang", "Pemerintah Kota Bontang"),
                    Person("Hernowo Sugiastanto", "Kepala Kantor Wilayah", "Kanwil Ditjen Pemasyarakatan Kalimantan Timur"),
                    Person("Suranto", "Kepala Lapas", "Lapas Kelas IIA Bontang"),
                    Person("Angga", "Kepala KPLP", "Lapas Kelas IIA Bontang"),
                    Person("Riza", "Kasi Binadik", "Lapas Kelas IIA Bontang"),
                    Person("Adi Sukatno", "Kasi Giatja", "Lapas Kelas IIA Bontang"),
                    Person("Edy Jaang", "Kasubag TU", "Lapas Kelas IIA Bontang"),
                    Person("Yessy Rita Apsati", "Analis Hukum Ahli Muda", "Bagian Hukum Setda Kota Bontang"),
                },
                notes = "Lapas menyerahkan draf nota kesepahaman kepada Pemkot Bontang sebagai dasar kerja sama.",
            },
        });
        var id = mou["id"]!.GetValue<string>();
        using var form = Form(SimplePdf.Create("DRAF NOTA KESEPAHAMAN", "Lapas Kelas IIA Bontang - Pemerintah Kota Bontang", "Versi 1, diserahkan pada audiensi 24 Oktober 2025"),
            "draf-mou-bontang-v1.pdf", ("note", "Draf yang diserahkan pada audiensi"));
        await Send(HttpMethod.Post, $"/api/agreements/{id}/drafts", "bontang-mou-draft-1", form);
        // Version 2 written by Sinergi from what it holds (parties, scope, validity), in the standard form, goes to review.
        await Send(HttpMethod.Post, $"/api/agreements/{id}/drafts/generated", "bontang-mou-draft-2", new { });

        // The draft goes to review; the first official's email (with the approval link) waits in the mail catcher.
        await Send(HttpMethod.Post, $"/api/agreements/{id}/review", "bontang-mou-review-1", new
        {
            steps = new[]
            {
                new { role = "Legal", name = "Yessy Rita Apsati", email = "yessy.apsati@setda-bontang.example", daysAllowed = 7 },
                new { role = "HeadOfInstitution", name = "Suranto", email = DemoData.Bontang.HeadEmail, daysAllowed = 5 },
                new { role = "Kanwil", name = "Hernowo Sugiastanto", email = "kakanwil@kanwil-kaltim.example", daysAllowed = 7 },
                new { role = "Partner", name = "Neni Moerniaeni", email = DemoData.PemkotBontang.ContactEmail, daysAllowed = 14 },
            },
        });
    }

    private async Task<string> Import(
        string key, Institution institution, Partner partner, string title, string signedOn, string place, int months,
        string? renewalOfId = null, string? purpose = null, object[]? witnesses = null)
    {
        var agreement = new
        {
            institutionId = institution.Id,
            partnerId = partner.Id,
            kind = "Pks",
            title,
            purpose = purpose ?? $"Meningkatkan pelayanan dan pembinaan warga binaan {institution.Name} bersama {partner.Name}.",
            scope = new[] { new { area = partner.Area, description = partner.Scope } },
            validityMonths = months,
            signedOn,
            place,
            signatories = new[] { Person(institution.HeadName, $"Kepala {institution.Kind}", institution.Name), Person(partner.ContactName, "Pimpinan", partner.Name) },
            witnesses = witnesses ?? [],
            renewalOfId,
        };
        using var form = Form(SimplePdf.Create("PERJANJIAN KERJA SAMA", title, $"Ditandatangani di {place} pada {signedOn}"), $"pks-{key}.pdf",
            ("agreement", JsonSerializer.Serialize(agreement, Json)));
        return (await Send(HttpMethod.Post, "/api/agreements/import", key, form))["id"]!.GetValue<string>();
    }

    private static object Person(string name, string position, string organization) => new { name, position, organization };

    private static MultipartFormDataContent Form(byte[] pdf, string fileName, params (string Name, string Value)[] fields)
    {
        // The fields first, then the file, as a browser sends a form (an import's agreement must come before its signed copy).
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return form;
    }

    private async Task Register(string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body, Json);
        if (response.StatusCode == HttpStatusCode.Conflict) { replayed++; return; }
        await Read(response, url);
        created++;
    }

    private async Task<JsonObject> Send(HttpMethod method, string url, string key, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body as HttpContent ?? JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", "demo-" + key);
        var response = await http.SendAsync(request);
        if (response.Headers.Contains("Idempotent-Replayed")) replayed++; else created++;
        return await Read(response, url);
    }

    private async Task<JsonObject> PostJson(string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body, Json);
        return await Read(response, url);
    }

    private static async Task<JsonObject> Read(HttpResponseMessage response, string url)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            throw new InvalidOperationException($"{url}: the stored demo data was loaded by another version of this loader. Stop ./run, delete .data/ and start again.");
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
