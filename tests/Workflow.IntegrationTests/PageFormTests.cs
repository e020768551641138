using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>The pages' forms, posted as a browser without JavaScript would post them.</summary>
[Collection(SinergiCollection.Name)]
public sealed partial class PageFormTests(SinergiFixture fixture)
{
    private readonly Api api = fixture.Api();

    private Task<HttpClient> StaffAsync(World w) => PageSession.StaffAsync(fixture.Factory, w);

    private static FormUrlEncodedContent Fields(params (string, string)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    private static MultipartFormDataContent Multipart(byte[] file, string fileName, params (string, string)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return form;
    }

    private static string IdFrom(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)redirect.StatusCode}");
        return AgreementPath().Match(redirect.Headers.Location!.OriginalString).Groups[1].Value;
    }

    private async Task<string> StatusAsync(World w, string id) => (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["status"]!.GetValue<string>();

    [Fact]
    public async Task StaffCreateFromAudiensiUploadDraftAndStartReviewThroughTheForms()
    {
        var w = await api.NewWorldAsync();
        var browser = await StaffAsync(w);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/app/perjanjian/baru")).StatusCode);

        var id = IdFrom(await browser.PostAsync("/app/perjanjian/baru", Fields(
            ("institutionId", w.InstitutionId), ("partnerId", w.PartnerId), ("kind", "Mou"), ("title", "MoU Pembinaan Narapidana Kota Bontang"),
            ("purpose", "Pembinaan yang holistik dan berkelanjutan."), ("scope[0].area", ""), ("scope[0].description", ""),
            ("scope[1].area", "Spiritual"), ("scope[1].description", "Pembinaan spiritual dan mental"), ("validityMonths", "60"),
            ("audiensi.date", "2025-10-24"), ("audiensi.place", "Kantor Wali Kota Bontang"),
            ("audiensi.attendees[0].name", "Neni Moerniaeni"), ("audiensi.attendees[0].position", "Wali Kota"), ("audiensi.attendees[0].organization", "Pemkot Bontang"),
            ("audiensi.notes", "Penyerahan draf MoU"))));
        var created = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("Exploring", created["status"]!.GetValue<string>());
        Assert.Equal("Spiritual", created["scope"]![0]!["area"]!.GetValue<string>());
        Assert.Equal("Neni Moerniaeni", created["audiensi"]!["attendees"]![0]!["name"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/draft", Multipart(Api.Pdf(), "draf mou.pdf", ("note", "versi awal")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/review", Fields(
            ("steps[0].role", "Legal"), ("steps[0].name", "Yessy Rita Apsati"), ("steps[0].email", "yessy@setda.example"), ("steps[0].daysAllowed", "7"),
            ("steps[1].role", ""), ("steps[1].name", ""), ("steps[1].email", ""), ("steps[1].daysAllowed", "")))).StatusCode);
        var inReview = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal("InReview", inReview["status"]!.GetValue<string>());
        Assert.Single(inReview["reviewRounds"]![0]!["steps"]!.AsArray());
        Assert.Equal("versi awal", inReview["drafts"]![0]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormErrorsShowBesideTheirFieldsAndKeepWhatWasEntered()
    {
        var w = await api.NewWorldAsync();
        var browser = await StaffAsync(w);
        var refused = await browser.PostAsync("/app/perjanjian/baru", Fields(
            ("institutionId", w.InstitutionId), ("partnerId", w.PartnerId), ("kind", "Pks"), ("title", ""), ("purpose", "Tujuan yang sudah saya tulis panjang"),
            ("scope[0].area", ""), ("scope[0].description", ""), ("scope[1].area", "Health"), ("scope[1].description", "Layanan kesehatan berkala"),
            ("validityMonths", "70")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("""name="title"[^>]*aria-invalid="true"[\s\S]{0,120}Wajib diisi\.""", page);
        Assert.Contains("Harus antara 12 dan 60.", page);
        Assert.Contains("Tujuan yang sudah saya tulis panjang", page);
        Assert.Contains("""name="scope[0].description" value="Layanan kesehatan berkala" """.TrimEnd(), page);
        Assert.Contains("""<option value="Health" selected>""", page);

        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        var badStep = await browser.PostAsync($"/app/perjanjian/{id}/review", Fields(
            ("steps[0].role", "Legal"), ("steps[0].name", "Pejabat Hukum"), ("steps[0].email", "hukum@kanwil.example"), ("steps[0].daysAllowed", "5"),
            ("steps[2].role", "HeadOfInstitution"), ("steps[2].name", "Kalapas"), ("steps[2].email", "bukan-email"), ("steps[2].daysAllowed", "5")));
        Assert.Equal(HttpStatusCode.BadRequest, badStep.StatusCode);
        var reviewPage = await badStep.Content.ReadAsStringAsync();
        Assert.Contains("""id="steps[1].email-error">Alamat email tidak valid.""", reviewPage);
        Assert.Contains("""name="steps[1].email" value="bukan-email" """.TrimEnd(), reviewPage);
        Assert.Equal("Drafting", await StatusAsync(w, id));
    }

    [Fact]
    public async Task RefusedFileKeepsTheOtherFields()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var browser = await StaffAsync(w);
        var refused = await browser.PostAsync($"/app/perjanjian/{id}/draft", Multipart("hanya teks"u8.ToArray(), "draf.pdf", ("note", "catatan yang tidak boleh hilang")));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Pilih berkas lagi", page);
        Assert.Contains("catatan yang tidak boleh hilang", page);
        Assert.Equal(0, await fixture.Storage.BlobCountAsync(id + "/"));
    }

    [Fact]
    public async Task SigningPlanEvaluationRenewalAndTerminationThroughTheForms()
    {
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        var browser = await StaffAsync(w);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/signing", Multipart(Api.Pdf(), "ditandatangani.pdf",
            ("signedOn", today), ("place", "Rutan Balikpapan"), ("effectiveFrom", ""),
            ("signatories[0].name", "Agus Salim"), ("signatories[0].position", "Kepala Rutan"), ("signatories[0].organization", "Rutan Balikpapan"),
            ("signatories[1].name", "Mohammad Effendi"), ("signatories[1].position", "Pimpinan"), ("signatories[1].organization", "Yayasan SEKATA"),
            ("witnesses[0].name", ""), ("witnesses[0].position", ""), ("witnesses[0].organization", "")))).StatusCode);
        Assert.Equal("Active", await StatusAsync(w, id));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/action-plan", Fields(
            ("items[0].activity", "Bimbingan teknis NAPZA"), ("items[0].owner", "Yayasan SEKATA"), ("items[0].dueOn", ""), ("items[0].frequency", "bulanan"), ("items[0].status", "InProgress"),
            ("items[1].activity", ""), ("items[1].owner", ""), ("items[1].dueOn", ""), ("items[1].frequency", ""), ("items[1].status", "Planned")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/evaluation", Multipart(Api.Pdf(), "bukti.pdf",
            ("periodEnd", today), ("summary", "Program berjalan"), ("recommendation", "Renew"),
            ("itemScores[0].activity", "Bimbingan teknis NAPZA"), ("itemScores[0].score", "4")))).StatusCode);
        var evaluated = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
        Assert.Equal(4, evaluated["evaluations"]![0]!["itemScores"]![0]!["score"]!.GetValue<int>());
        Assert.NotNull(evaluated["evaluations"]![0]!["document"]);

        var renewal = await browser.PostAsync($"/app/perjanjian/{id}/renewal", Fields(("validityMonths", "24")));
        var renewalId = IdFrom(renewal);
        Assert.NotEqual(id, renewalId);
        Assert.Equal("Drafting", await StatusAsync(w, renewalId));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync($"/app/perjanjian/{id}/termination",
            Fields(("reason", "Mitra berhenti beroperasi"), ("effectiveOn", today)))).StatusCode);
        Assert.Equal("Terminated", await StatusAsync(w, id));
        var again = await browser.PostAsync($"/app/perjanjian/{id}/termination", Fields(("reason", "lagi"), ("effectiveOn", today)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("role=\"alert\"", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EvaluationWithTheOptionalFileLeftEmptyIsRecorded()
    {
        var w = await api.NewWorldAsync();
        var id = await api.ApprovedAsync(w);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        await Api.Json(await api.SignAsync(id, w.StaffToken, today), HttpStatusCode.OK);
        var browser = await StaffAsync(w);
        var form = new MultipartFormDataContent
        {
            { new StringContent(today), "periodEnd" }, { new StringContent("Berjalan baik"), "summary" }, { new StringContent("Continue"), "recommendation" },
        };
        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        empty.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"file\"; filename=\"\"");
        form.Add(empty);
        var posted = await browser.PostAsync($"/app/perjanjian/{id}/evaluation", form);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, ErrorsOn(await posted.Content.ReadAsStringAsync()));
        var evaluation = (await api.GetAsync($"/api/agreements/{id}", w.StaffToken))["evaluations"]![0]!;
        Assert.Null(evaluation["document"]);
    }

    [Fact]
    public async Task SigningEventSignsSeveralAgreementsOnOneDateAtOnePlace()
    {
        var w = await api.NewWorldAsync();
        var (first, second, notChosen, withoutFile) = (await api.ApprovedAsync(w), await api.ApprovedAsync(w), await api.ApprovedAsync(w), await api.ApprovedAsync(w));
        await fixture.Storage.WaitForQuietAsync(); // the page lists from the projections
        var browser = await StaffAsync(w);
        var page = await (await browser.GetAsync("/app/penandatanganan")).Content.ReadAsStringAsync();
        foreach (var id in new[] { first, second, notChosen, withoutFile }) Assert.Contains($"name=\"file-{id}\"", page);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var form = new MultipartFormDataContent
        {
            { new StringContent(today), "signedOn" }, { new StringContent("Pendopo Odah Etam, Tenggarong"), "place" },
            { new StringContent("Sunggono"), "witnesses[0].name" }, { new StringContent("Sekretaris Daerah"), "witnesses[0].position" },
        };
        foreach (var id in new[] { first, second, withoutFile })
        {
            form.Add(new StringContent("1"), $"include-{id}");
            form.Add(new StringContent("Kepala Lapas"), $"signatories-{id}[0].name");
            form.Add(new StringContent("Kepala Lapas"), $"signatories-{id}[0].position");
            form.Add(new StringContent("Pimpinan Mitra"), $"signatories-{id}[1].name");
            form.Add(new StringContent("Pimpinan"), $"signatories-{id}[1].position");
        }
        foreach (var id in new[] { first, second, notChosen })
        {
            var file = new ByteArrayContent(Api.Pdf());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, $"file-{id}", $"pks-{id}.pdf");
        }
        var response = await browser.PostAsync("/app/penandatanganan", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // one row was refused
        var result = await response.Content.ReadAsStringAsync();
        Assert.Contains("2 perjanjian ditandatangani", result);
        Assert.Contains("Wajib melampirkan naskah yang ditandatangani.", result);

        foreach (var id in new[] { first, second })
        {
            var signed = await api.GetAsync($"/api/agreements/{id}", w.StaffToken);
            Assert.Equal("Active", signed["status"]!.GetValue<string>());
            Assert.Equal("Pendopo Odah Etam, Tenggarong", signed["signing"]!["place"]!.GetValue<string>());
            Assert.Equal("Sunggono", signed["signing"]!["witnesses"]![0]!["name"]!.GetValue<string>());
        }
        Assert.Equal("Approved", await StatusAsync(w, notChosen));
        Assert.Equal("Approved", await StatusAsync(w, withoutFile));
        Assert.Equal(1, await fixture.Storage.BlobCountAsync(notChosen + "/")); // only its draft: the unchosen signed copy was removed
    }

    [Fact]
    public async Task FormPostedFromAnotherSiteIsRefused()
    {
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        var browser = await StaffAsync(w);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/app/perjanjian/{id}/termination") { Content = Fields(("reason", "x"), ("effectiveOn", "2025-11-05")) };
        request.Headers.Add("Origin", "https://situs-lain.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(request)).StatusCode);
        Assert.Equal("Drafting", await StatusAsync(w, id));
    }

    private static string ErrorsOn(string page) => string.Join(" | ", Regex.Matches(page, "class=\"error\"[^>]*>([^<]*)").Select(m => m.Groups[1].Value));

    [GeneratedRegex("/app/perjanjian/(agr-[a-z0-9]+)")]
    private static partial Regex AgreementPath();
}
