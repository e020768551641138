using System.Net;
using Microsoft.Extensions.Options;
using Workflow.Functions.Email;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The SendGrid transport against a local server. The end-to-end tests have their own Azurite, so
/// that no dispatcher of another test (with the SMTP transport) takes their queue messages.
/// </summary>
public sealed class SendGridTests : IAsyncLifetime
{
    private const string ApiKey = "SG.test-key-0123456789";
    private IsolatedApp app = null!;
    private FakeSendGrid sendGrid = null!;
    private SinergiFactory factory => app.Factory;

    public async Task InitializeAsync()
    {
        sendGrid = await FakeSendGrid.StartAsync();
        app = await IsolatedApp.StartAsync(new Dictionary<string, string?>
        {
            ["Email:Transport"] = "SendGrid",
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:Host"] = sendGrid.Url,
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await sendGrid.DisposeAsync();
    }

    private SendGridTransport Transport() => new(
        Options.Create(new SendGridOptions { ApiKey = ApiKey, Host = sendGrid.Url }),
        Options.Create(new EmailOptions { From = "sinergi@sinergi.example", FromName = "Sinergi" }));

    private static EmailMessage Message() => new(
        [new Recipient("hukum@kanwil-kaltim.example", "Yessy Rita Apsati")], "[Sinergi] Mohon keputusan: PKS", "teks biasa", "<p>teks <b>HTML</b></p>", "agr-1/o-0000000003-01");

    [Fact]
    public async Task SendsTheV3RequestSendGridExpects()
    {
        var result = await Transport().SendAsync(Message(), CancellationToken.None);
        Assert.Equal(SendOutcome.Sent, result.Outcome);

        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        var body = request.Body;
        var to = body["personalizations"]![0]!["to"]![0]!;
        Assert.Equal("hukum@kanwil-kaltim.example", to["email"]!.GetValue<string>());
        Assert.Equal("Yessy Rita Apsati", to["name"]!.GetValue<string>());
        Assert.Equal("sinergi@sinergi.example", body["from"]!["email"]!.GetValue<string>());
        Assert.Equal("[Sinergi] Mohon keputusan: PKS", body["subject"]!.GetValue<string>());
        var content = body["content"]!.AsArray().ToDictionary(c => c!["type"]!.GetValue<string>(), c => c!["value"]!.GetValue<string>());
        Assert.Equal("teks biasa", content["text/plain"]);
        Assert.Equal("<p>teks <b>HTML</b></p>", content["text/html"]);
        Assert.Equal("agr-1/o-0000000003-01", body["personalizations"]![0]!["headers"]![EmailHeaders.OutboxId]!.GetValue<string>());
        Assert.Equal("agr-1/o-0000000003-01", body["personalizations"]![0]!["custom_args"]!["outboxId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(429, SendOutcome.Transient)]
    [InlineData(500, SendOutcome.Transient)]
    [InlineData(503, SendOutcome.Transient)]
    [InlineData(400, SendOutcome.Permanent)]
    [InlineData(401, SendOutcome.Permanent)]
    public async Task RefusalsAreSortedIntoRetryOrNot(int status, SendOutcome expected)
    {
        sendGrid.AnswerNext(status);
        var result = await Transport().SendAsync(Message(), CancellationToken.None);
        Assert.Equal(expected, result.Outcome);
        Assert.Contains(status.ToString(), result.Detail);
    }

    [Fact]
    public async Task UnreachableSmtpServerIsWorthAnotherTry()
    {
        var smtp = new SmtpTransport(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = AzuriteProcess.FreePort() }),
            Options.Create(new EmailOptions { From = "sinergi@sinergi.example" }));
        Assert.Equal(SendOutcome.Transient, (await smtp.SendAsync(Message(), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task UnreachableServerIsWorthAnotherTry()
    {
        var transport = new SendGridTransport(
            Options.Create(new SendGridOptions { ApiKey = ApiKey, Host = $"http://127.0.0.1:{AzuriteProcess.FreePort()}" }),
            Options.Create(new EmailOptions { From = "sinergi@sinergi.example" }));
        Assert.Equal(SendOutcome.Transient, (await transport.SendAsync(Message(), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task TooManyRequestsThenAcceptedSendsTheMailOnce()
    {
        sendGrid.AnswerNext(429);
        var api = new Api(factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = await InReviewAsync(api, w, "pejabat@sendgrid-429.example");

        await sendGrid.WaitForAsync(s => s.Accepted == 1);
        await app.Storage.WaitForQuietAsync(id);
        await Task.Delay(1500); // one more retry delay: nothing else may arrive
        var requests = sendGrid.Requests.Where(r => r.Body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == "pejabat@sendgrid-429.example").ToList();
        Assert.Equal([429, 202], requests.Select(r => r.AnsweredWith));
        Assert.Equal(requests[0].OutboxId, requests[1].OutboxId);
        var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.DoesNotContain(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "NotificationFailed");
    }

    [Fact]
    public async Task BadRequestIsNotRetriedAndTheFailureIsRecorded()
    {
        sendGrid.AnswerNext(400);
        var api = new Api(factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = await InReviewAsync(api, w, "pejabat@sendgrid-400.example");

        var failed = await WaitForFailureAsync(api, w, id);
        Assert.Contains("400", failed["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(["pejabat@sendgrid-400.example"], failed["data"]!["recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(1, failed["data"]!["attempts"]!.GetValue<int>());
        await Task.Delay(1500);
        Assert.Single(sendGrid.Requests, r => r.Body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == "pejabat@sendgrid-400.example");
    }

    [Fact]
    public async Task FailureAfterTheLastTryIsRecordedNotDropped()
    {
        sendGrid.AnswerNext(503, 503, 503);
        var api = new Api(factory.CreateClient());
        var w = await api.NewWorldAsync();
        var id = await InReviewAsync(api, w, "pejabat@sendgrid-503.example");

        var failed = await WaitForFailureAsync(api, w, id);
        Assert.Equal(3, failed["data"]!["attempts"]!.GetValue<int>()); // the first try and the two configured retries
        Assert.Contains("503", failed["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(3, sendGrid.Requests.Count(r => r.Body["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == "pejabat@sendgrid-503.example"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForFailureAsync(Api api, World w, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var history = await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
            var failed = history["events"]!.AsArray().FirstOrDefault(e => e!["type"]!.GetValue<string>() == "NotificationFailed");
            if (failed is not null) return failed;
            Assert.True(DateTime.UtcNow < deadline, "no NotificationFailed event in time");
            await Task.Delay(100);
        }
    }


    private static async Task<string> InReviewAsync(Api api, World w, string official)
    {
        var id = (await api.CreateAsync(w))["id"]!.GetValue<string>();
        await Api.Json(await api.UploadDraftAsync(id, w.StaffToken), HttpStatusCode.Created);
        await Api.Json(await api.Send(HttpMethod.Post, $"/api/agreements/{id}/review", w.StaffToken, Api.Steps(official)), HttpStatusCode.OK);
        return id;
    }
}
