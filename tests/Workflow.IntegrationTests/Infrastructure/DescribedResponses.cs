using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>
/// Checks every answer a test client receives from the API against the app's own description (/openapi/v1.json): the
/// status must be described for the operation, the media type among the response's, and a JSON body valid against its
/// schema. An answer that is not as described fails the request, so the test that made it fails and says why.
/// Pages, assets and approval links are not in the description and are not checked.
/// </summary>
public sealed class DescribedResponses : DelegatingHandler
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static Description? shared;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        var description = shared ?? await LoadAsync(ct);
        var problems = await description.CheckAsync(request.Method, request.RequestUri!.AbsolutePath, response, ct);
        if (problems.Count > 0)
            throw new ResponseNotAsDescribedException(
                $"{request.Method} {request.RequestUri.PathAndQuery} answered {(int)response.StatusCode}, not as /openapi/v1.json describes:\n  "
                + string.Join("\n  ", problems));
        return response;
    }

    private async Task<Description> LoadAsync(CancellationToken ct)
    {
        await Loading.WaitAsync(ct);
        try
        {
            if (shared is not null) return shared;
            using var answer = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://localhost/openapi/v1.json"), ct);
            answer.EnsureSuccessStatusCode();
            return shared = new Description(JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct)));
        }
        finally
        {
            Loading.Release();
        }
    }

    private sealed class Description
    {
        private static readonly Uri DocumentUri = new("https://sinergi.test/openapi/v1.json");
        private readonly JsonElement paths;
        private readonly List<(Regex Pattern, string Path, int Parameters)> templates;
        private readonly BuildOptions build = new() { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();
        private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

        public Description(JsonDocument document)
        {
            paths = document.RootElement.GetProperty("paths");
            templates = paths.EnumerateObject()
                .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Name), @"\\\{[^/]+?}", "[^/]+") + "$"), p.Name, p.Name.Count(c => c == '{')))
                .OrderBy(t => t.Item3).ToList();
            build.SchemaRegistry.Register(DocumentUri, new JsonElementBaseDocument(document.RootElement, DocumentUri));
        }

        public async Task<List<string>> CheckAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken ct)
        {
            // The literal path wins over a template (/api/agreements/import over /api/agreements/{id}).
            var template = templates.FirstOrDefault(t => t.Pattern.IsMatch(path)).Path;
            if (template is null) return [];
            var verb = method.Method.ToLowerInvariant();
            // A method the description does not list for the path is one the app does not take.
            if (!paths.GetProperty(template).TryGetProperty(verb, out var operation))
                return response.StatusCode == System.Net.HttpStatusCode.MethodNotAllowed ? [] : [$"{method} is not described for {template}"];
            var status = ((int)response.StatusCode).ToString();
            var responses = operation.GetProperty("responses");
            if (!responses.TryGetProperty(status, out var described) && !responses.TryGetProperty(status[0] + "XX", out described)
                && !responses.TryGetProperty("default", out described))
                return [$"status {status} is not described for {verb} {template} (described: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))})"];
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var length = response.Content.Headers.ContentLength;
            if (!described.TryGetProperty("content", out var content))
                return mediaType is null || length == 0 ? [] : [$"a {mediaType} body where the description has none"];
            if (mediaType is null) return [$"no body where the description has {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}"];
            if (!content.TryGetProperty(mediaType, out var media))
                return [$"{mediaType} is not among the described media types ({string.Join(", ", content.EnumerateObject().Select(c => c.Name))})"];
            if (!mediaType.EndsWith("json", StringComparison.Ordinal) || !media.TryGetProperty("schema", out _)) return [];

            await response.Content.LoadIntoBufferAsync(ct);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var pointer = $"#/paths/{Escape(template)}/{verb}/responses/{(responses.TryGetProperty(status, out _) ? status : "default")}/content/{Escape(mediaType)}/schema";
            var schema = schemas.GetOrAdd(pointer, p => JsonSchema.FromText($$"""{"$ref": "{{DocumentUri}}{{p}}"}""", build));
            var results = schema.Evaluate(body.RootElement, Evaluation);
            return results.IsValid ? [] : (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
                .Take(20).DefaultIfEmpty("the body does not match its schema").ToList();
        }

        private static string Escape(string segment) => Uri.EscapeDataString(segment.Replace("~", "~0").Replace("/", "~1"));
    }
}

public sealed class ResponseNotAsDescribedException(string message) : Exception(message);
