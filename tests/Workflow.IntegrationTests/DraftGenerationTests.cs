using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The draft written from the agreement: a real .docx in the form of Indonesian government agreements, stored as the next draft version.</summary>
[Collection(SinergiCollection.Name)]
public sealed class DraftGenerationTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private static readonly string[] ArticlesWithPlan =
    [
        "MAKSUD DAN TUJUAN", "RUANG LINGKUP", "PELAKSANAAN", "HAK DAN KEWAJIBAN", "PEMBIAYAAN", "JANGKA WAKTU",
        "MONITORING DAN EVALUASI", "PENYELESAIAN PERSELISIHAN", "KEADAAN KAHAR", "LAIN-LAIN", "PENUTUP",
    ];

    private async Task<string> CreateAsync(World w, string kind = "Pks", string title = "PKS Pembinaan Kemandirian WBP", string? parentId = null, int months = 36) =>
        (await Api.Json(await api.Send(HttpMethod.Post, "/api/agreements", w.StaffToken, new
        {
            institutionId = w.InstitutionId, partnerId = w.PartnerId, kind, title, parentAgreementId = parentId,
            purpose = "Membina kemandirian warga binaan dan memasarkan hasil karya mereka.",
            scope = new[]
            {
                new { area = "WorkSkills", description = "Pelatihan menjahit dan konveksi" },
                new { area = "ProductMarketing", description = "Pemasaran produk hasil karya WBP" },
            },
            validityMonths = months,
        }), HttpStatusCode.Created))["id"]!.GetValue<string>();

    private async Task<(JsonObject Answer, Docx Draft, byte[] Bytes)> GenerateAsync(string id, string token, string query = "")
    {
        var answer = await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts/generated{query}", token), HttpStatusCode.Created);
        var file = await api.Send(HttpMethod.Get, $"/api/agreements/{id}/documents/{answer["documentId"]!.GetValue<string>()}", token);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.Content.Headers.ContentType?.MediaType);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        return (answer, Docx.Read(bytes), bytes);
    }

    [Fact]
    public async Task TheGeneratedDraftValidatesAndHoldsThePartiesEveryScopeAreaTheValidityInWordsAndTheArticlesInOrder()
    {
        var w = await api.NewWorldAsync();
        var id = await CreateAsync(w);
        await Api.Json(await api.Send(HttpMethod.Put, $"/api/agreements/{id}/action-plan", w.StaffToken, new
        {
            items = new[] { new { activity = "Pelatihan menjahit", owner = "Kasi Giatja", status = "Planned", dueOn = "2026-03-31", frequency = "bulanan" } },
        }), HttpStatusCode.OK);

        var (answer, draft, bytes) = await GenerateAsync(id, w.StaffToken);
        Assert.Empty(draft.ValidationErrors);
        Assert.Equal(1, answer["version"]!.GetValue<int>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), answer["sha256"]!.GetValue<string>());

        var text = draft.Text;
        Assert.Equal(["PERJANJIAN KERJA SAMA", "ANTARA", "LAPAS NARKOTIKA KELAS IIA SAMARINDA", "DENGAN", "DEWAN UKM PROVINSI KALIMANTAN TIMUR", "TENTANG", "PKS PEMBINAAN KEMANDIRIAN WBP"],
            draft.Paragraphs.Take(7));
        Assert.Equal(2, draft.Paragraphs.Count(p => p.StartsWith("Nomor PIHAK K", StringComparison.Ordinal)));
        Assert.Contains("Pada hari ini ........ tanggal ........ bulan ........ tahun ........, bertempat di", text);
        Assert.Contains("Hidayat, Kepala Lapas Narkotika Kelas IIA Samarinda, dalam hal ini bertindak untuk dan atas nama Lapas Narkotika Kelas IIA Samarinda, selanjutnya disebut PIHAK KESATU.", text);
        Assert.Contains("Andi Fathul Khair, Pimpinan Dewan UKM Provinsi Kalimantan Timur, dalam hal ini bertindak untuk dan atas nama Dewan UKM Provinsi Kalimantan Timur, selanjutnya disebut PIHAK KEDUA.", text);
        Assert.Contains("Pelatihan kerja: Pelatihan menjahit dan konveksi;", text);
        Assert.Contains("Pemasaran produk: Pemasaran produk hasil karya WBP;", text);
        Assert.Contains("Pelatihan menjahit, penanggung jawab Kasi Giatja, target 31 Maret 2026, bulanan;", text);
        Assert.Contains("jangka waktu 36 (tiga puluh enam) bulan", text);
        Assert.Contains("setiap 6 (enam) bulan", text);
        Assert.Equal(ArticlesWithPlan.Select((h, i) => ($"Pasal {i + 1}", h)), draft.Articles());
        Assert.Contains("SAKSI-SAKSI", draft.Paragraphs);

        // Stored as the next draft version, exactly as an upload: it can go to review.
        var agreement = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("Drafting", agreement["status"]!.GetValue<string>());
        Assert.Equal(answer["sha256"]!.GetValue<string>(), agreement["drafts"]!.AsArray().Single()!["sha256"]!.GetValue<string>());
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutAnActionPlanThereIsNoImplementationArticleAndTheNumbersFollowOn()
    {
        var w = await api.NewWorldAsync();
        var (_, draft, _) = await GenerateAsync(await CreateAsync(w), w.StaffToken);
        Assert.Equal(ArticlesWithPlan.Where(h => h != "PELAKSANAAN").Select((h, i) => ($"Pasal {i + 1}", h)), draft.Articles());
    }

    [Fact]
    public async Task APksUnderAnMouCitesItAndARenewalCitesTheAgreementItRenews()
    {
        using var clock = new ClockTravel(fixture);
        clock.To(new DateTimeOffset(2025, 11, 5, 2, 0, 0, TimeSpan.Zero));
        var w = await api.NewWorldAsync();
        var mou = await CreateAsync(w, "Mou", "MoU Sinergi Pembinaan Warga Binaan Kota Bontang");
        var pks = await CreateAsync(w, "Pks", "PKS Pelatihan Kerja", parentId: mou);
        var (_, draft, _) = await GenerateAsync(pks, w.StaffToken);
        Assert.Contains($"pelaksanaan Nota Kesepahaman antara Lapas Narkotika Kelas IIA Samarinda dengan Dewan UKM Provinsi Kalimantan Timur tentang MoU Sinergi Pembinaan Warga Binaan Kota Bontang (nomor arsip Sinergi {mou})", draft.Text);

        var signed = await api.ApprovedAsync(w);
        await Api.Json(await api.SignAsync(signed, w.StaffToken), HttpStatusCode.OK);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{signed}/evaluations", w.StaffToken,
            new { periodEnd = "2025-11-05", summary = "Berjalan baik.", recommendation = "Renew" }), HttpStatusCode.OK);
        var renewal = (await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{signed}/renewal", w.StaffToken, new { validityMonths = 24 }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        var (_, renewalDraft, _) = await GenerateAsync(renewal, w.StaffToken);
        Assert.Contains($"merupakan perpanjangan dari Perjanjian Kerja Sama tentang PKS Pembinaan Kemandirian WBP (nomor arsip Sinergi {signed}) yang berakhir pada tanggal 5 November 2026.", renewalDraft.Text);
        Assert.Contains("jangka waktu 24 (dua puluh empat) bulan", renewalDraft.Text);
    }

    [Fact]
    public async Task ATextWithMarkupCharactersComesOutAsWritten()
    {
        var w = await api.NewWorldAsync();
        const string title = "PKS \"Bina Mandiri\" <Lapas> & Mitra 'UKM'";
        var (_, draft, _) = await GenerateAsync(await CreateAsync(w, title: title), w.StaffToken);
        Assert.Empty(draft.ValidationErrors);
        Assert.Contains(title.ToUpperInvariant(), draft.Paragraphs);
        Assert.Contains($"tentang {title} dengan ketentuan sebagai berikut:", draft.Text);
    }

    [Fact]
    public async Task AnEnglishDraftUsesTheEnglishArticles()
    {
        var w = await api.NewWorldAsync();
        var (_, draft, _) = await GenerateAsync(await CreateAsync(w, "Mou", "MoU on Inmate Skills"), w.StaffToken, "?language=en");
        Assert.Empty(draft.ValidationErrors);
        Assert.Equal("MEMORANDUM OF UNDERSTANDING", draft.Paragraphs[0]);
        Assert.Contains("valid for 36 (thirty-six) months", draft.Text);
        Assert.Equal("Article 1", draft.Articles("Article")[0].Number);
    }

    [Fact]
    public async Task GeneratingIsRefusedOutsideExploringAndDraftingOrInAnUnknownLanguageAndLeavesNothing()
    {
        var w = await api.NewWorldAsync();
        var id = await CreateAsync(w);
        Assert.NotNull((await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts/generated?language=fr", w.StaffToken), HttpStatusCode.BadRequest))["errors"]!["language"]);
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps("hukum@kanwil.go.id")), HttpStatusCode.OK);
        var documents = await fixture.Storage.BlobCountAsync(id);

        await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts/generated", w.StaffToken), HttpStatusCode.Conflict);
        Assert.Equal(documents, await fixture.Storage.BlobCountAsync(id));
        Assert.Single((await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["drafts"]!.AsArray());

        var other = await api.NewWorldAsync();
        await Api.Problem(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/drafts/generated", other.StaffToken), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnInstitutionsOwnTemplateIsFilledInPlaceOfTheStandardLayout()
    {
        var w = await api.NewWorldAsync();
        var put = await Api.Json(await api.Send(HttpMethod.Put, $"/api/institutions/{w.InstitutionId}/draft-template", w.StaffToken,
            Api.Form(Template(("judul", false), ("ruangLingkup", true), ("pasal", true)), "templat.docx")), HttpStatusCode.OK);
        Assert.Equal(["judul", "pasal", "ruangLingkup"], put["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Order());

        var (_, draft, _) = await GenerateAsync(await CreateAsync(w, title: "PKS <Kop> & Templat"), w.StaffToken);
        Assert.Empty(draft.ValidationErrors);
        Assert.Equal("KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN — KOP LEMBAGA", draft.Paragraphs[0]);
        Assert.Contains("Tentang: PKS <Kop> & Templat", draft.Paragraphs);
        Assert.Contains("Pelatihan kerja: Pelatihan menjahit dan konveksi;", draft.Paragraphs);
        Assert.Contains("Pasal 1", draft.Paragraphs);
        Assert.DoesNotContain(draft.Paragraphs, p => p.Contains("[isian]"));

        // Back to the standard layout once it is removed.
        Assert.Equal(HttpStatusCode.NoContent, (await api.Send(HttpMethod.Delete, $"/api/institutions/{w.InstitutionId}/draft-template", w.StaffToken)).StatusCode);
        var (_, standard, _) = await GenerateAsync(await CreateAsync(w), w.StaffToken);
        Assert.Equal("PERJANJIAN KERJA SAMA", standard.Paragraphs[0]);
    }

    [Fact]
    public async Task ATemplateThatIsNoWordDocumentOrNamesUnknownFieldsIsRefusedAndChangesNothing()
    {
        var w = await api.NewWorldAsync();
        var url = $"/api/institutions/{w.InstitutionId}/draft-template";
        await Api.Problem(await api.Send(HttpMethod.Put, url, w.StaffToken, Api.Form(Api.Pdf(), "templat.pdf")), HttpStatusCode.UnsupportedMediaType);
        var unknown = await Api.Problem(await api.Send(HttpMethod.Put, url, w.StaffToken, Api.Form(Template(("judul", false), ("nomorSurat", false)), "t.docx")), HttpStatusCode.BadRequest);
        Assert.Contains("nomorSurat", unknown["errors"]!["file"]!.ToJsonString());
        var none = await Api.Problem(await api.Send(HttpMethod.Put, url, w.StaffToken, Api.Form(Template(("kopSurat", false)), "t.docx")), HttpStatusCode.BadRequest);
        Assert.Contains("tidak memuat satu pun isian", none["errors"]!["file"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Send(HttpMethod.Get, url, w.StaffToken)).StatusCode);

        // Only the institution's own staff (or an admin) sets it; who may is decided before the file is read.
        var other = await api.NewWorldAsync();
        await Api.Problem(await api.Send(HttpMethod.Put, url, other.StaffToken, Api.Form(Template(("judul", false)), "t.docx")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Send(HttpMethod.Get, url, w.StaffToken)).StatusCode);
    }

    /// <summary>A template as an institution would make it in Word: a letterhead, and content controls tagged with fields.</summary>
    private static byte[] Template(params (string Tag, bool Block)[] fields)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var body = new Body(new Paragraph(new Run(new Text("KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN — KOP LEMBAGA"))));
            foreach (var (tag, block) in fields)
            {
                var properties = new SdtProperties(new Tag { Val = tag }, new ShowingPlaceholder());
                if (block) body.Append(new SdtBlock(properties, new SdtContentBlock(new Paragraph(new Run(new RunProperties(new Bold()), new Text("[isian]"))))));
                else body.Append(new Paragraph(new Run(new Text("Tentang: ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                    new SdtRun(properties, new SdtContentRun(new Run(new Text("[isian]"))))));
            }
            document.AddMainDocumentPart().Document = new Document(body);
        }
        return stream.ToArray();
    }
}
