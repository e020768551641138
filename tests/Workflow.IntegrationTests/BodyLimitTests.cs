using System.Net;
using System.Net.Http.Headers;
using Workflow.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Workflow.IntegrationTests;

/// <summary>
/// Body limits are the server's (Kestrel's), so they are tested on the app as its own process: a JSON command gets a
/// small limit and is refused with 413 before it is read; only an upload gets the document limit.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class BodyLimitTests(SinergiFixture fixture, ITestOutputHelper output)
{
    private const int Huge = 26 * 1024 * 1024;

    [Fact]
    public async Task AHugeJsonCommandIsRefusedBeforeItIsRead()
    {
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await using var app = new AppProcess(new Dictionary<string, string>(SinergiFactory.ProcessSettings(fixture.Azurite.ConnectionString))
        {
            ["Engine__RunBackgroundLoops"] = "false", // the fixture's app dispatches; this one only answers
        });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(60) };

        // A 26 MiB scope array, as the probe sent: eight at once.
        var body = new byte[Huge];
        var prefix = "{\"scope\":["u8.ToArray();
        prefix.CopyTo(body, 0);
        for (var i = prefix.Length; i < Huge - 2; i += 2) { body[i] = (byte)'1'; body[i + 1] = (byte)','; }
        body[^2] = (byte)'1';
        body[^1] = (byte)']';

        for (var i = 0; i < 3; i++) await SendAsync(http, w, $"/api/agreements/{id}/action-plan", HttpMethod.Put, "{\"items\":[]}"u8.ToArray()); // warm up
        var before = ResidentMiB(app.ProcessId);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(http, w, "/api/agreements", HttpMethod.Post, body)));
        var after = ResidentMiB(app.ProcessId);
        output.WriteLine($"resident memory {before:0.0} MiB before, {after:0.0} MiB after eight 26 MiB commands");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, a));
        Assert.True(after - before < 8, $"resident memory grew by {after - before:0.0} MiB");
        // An upload still takes a file four times the JSON limit: its endpoint raises the limit for itself.
        var bigPdf = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. "%PDF-1.4\n"u8.ToArray(), .. new byte[1024 * 1024], .. "\n%%EOF\n"u8.ToArray()]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        bigPdf.Add(file, "file", "draf.pdf");
        var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/agreements/{id}/drafts") { Content = bigPdf };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.StaffToken);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(upload)).StatusCode);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, World w, string path, HttpMethod method, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.StaffToken);
        // The client waits for the server's go-ahead before sending the body, as large uploads should.
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
