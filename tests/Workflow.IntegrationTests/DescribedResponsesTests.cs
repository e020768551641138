using System.Net;
using System.Text;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.IntegrationTests;

/// <summary>
/// The check every test client makes of the app's answers (<see cref="DescribedResponses"/>) can fail: an answer the
/// description does not allow, put in place of the app's, is refused.
/// </summary>
[Collection(SinergiCollection.Name)]
public sealed class DescribedResponsesTests(SinergiFixture fixture)
{
    [Fact]
    public async Task AnAnswerMissingARequiredFieldIsRefused()
    {
        using var http = Client(HttpStatusCode.OK, "application/json", """{"agreementId":"agr-x","version":1,"verified":true}""");
        var refused = await Assert.ThrowsAsync<ResponseNotAsDescribedException>(() => http.GetAsync("/api/agreements/agr-x/history"));
        Assert.Contains("events", refused.Message);
    }

    [Fact]
    public async Task AnEventWithoutItsTypeIsRefused()
    {
        using var http = Client(HttpStatusCode.OK, "application/json", """
            {"agreementId":"agr-x","version":1,"verified":true,"brokenAtSeq":null,"events":[{"seq":1,"type":"AgreementExpired",
             "at":"2026-01-01T00:00:00+00:00","actor":{"email":"a@b.id","name":"A"},"previousHash":"0","hash":"1","valid":true,
             "data":{"at":"2026-01-01T00:00:00+00:00","by":{"email":"a@b.id","name":"A"},"expiresOn":"2026-01-01"}}]}
            """);
        var refused = await Assert.ThrowsAsync<ResponseNotAsDescribedException>(() => http.GetAsync("/api/agreements/agr-x/history"));
        Assert.Contains("/events/0/data", refused.Message);
        Assert.Contains("\"type\"", refused.Message);
    }

    [Fact]
    public async Task AStatusTheOperationDoesNotDescribeIsRefused()
    {
        using var http = Client(HttpStatusCode.Conflict, "application/problem+json", """{"title":"x","status":409}""");
        var refused = await Assert.ThrowsAsync<ResponseNotAsDescribedException>(() => http.GetAsync("/api/agreements/agr-x/history"));
        Assert.Contains("409", refused.Message);
    }

    [Fact]
    public async Task AMediaTypeTheOperationDoesNotDescribeIsRefused()
    {
        using var http = Client(HttpStatusCode.OK, "text/html", "<p>riwayat</p>");
        await Assert.ThrowsAsync<ResponseNotAsDescribedException>(() => http.GetAsync("/api/agreements/agr-x/history"));
    }

    [Fact]
    public async Task TheAppsOwnAnswersPass()
    {
        var api = fixture.Api();
        var w = await api.NewWorldAsync();
        var id = (await api.CreateAsync(w, Api.Audiensi()))["id"]!.GetValue<string>();
        await api.GetAsync($"/api/agreements/{id}/history", w.StaffToken);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Send(HttpMethod.Get, "/api/agreements/agr-00000000000000000000", w.StaffToken)).StatusCode);
    }

    /// <summary>A checked client whose answers to <c>/api/agreements/agr-x/…</c> are the given one; the rest (the description) come from the app.</summary>
    private HttpClient Client(HttpStatusCode status, string mediaType, string body) =>
        new(new DescribedResponses { InnerHandler = new Answering(fixture.Factory.Server.CreateHandler(), status, mediaType, body) })
        {
            BaseAddress = new Uri("http://localhost"),
        };

    private sealed class Answering(HttpMessageHandler app, HttpStatusCode status, string mediaType, string body) : DelegatingHandler(app)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            request.RequestUri!.AbsolutePath.StartsWith("/api/agreements/agr-x", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) })
                : base.SendAsync(request, ct);
    }
}
