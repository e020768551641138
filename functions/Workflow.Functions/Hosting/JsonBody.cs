using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Reads a JSON body. Handlers call it only once the caller is known to be allowed to send it, so nobody
/// gets a byte of their body read who may not make the request; the endpoint's body limit bounds the rest.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            throw new UnsupportedMediaTypeException("Kirim sebagai application/json.");
        try
        {
            return await request.ReadFromJsonAsync<T>(SinergiJson.Options, ct) ?? throw DomainValidationException.For("body", "Wajib diisi.");
        }
        catch (JsonException e)
        {
            throw JsonErrors.From(e, typeof(T));
        }
    }
}

/// <summary>
/// The largest body an endpoint reads, enforced by the server as the body arrives (a longer one is a 413 before it is
/// read). JSON commands are small; only where a file is uploaded does the document limit apply.
/// </summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    /// <summary>Every JSON command: the largest one the agreement's limits allow (a 200-item plan) is about 180 KiB.</summary>
    public const long Json = 256 * 1024;
    /// <summary>A page's form (URL-encoded, so larger than its JSON twin).</summary>
    public const long Form = 1024 * 1024;
}

public static class BodyLimitExtensions
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>An upload: the document limit, and room for the form's other fields.</summary>
    /// <summary>Room for <paramref name="files"/> documents of the largest size allowed, and the form's text around them.</summary>
    public static TBuilder WithUploadLimit<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app, int files = 1) where TBuilder : IEndpointConventionBuilder =>
        builder.WithBodyLimit(app.ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value.MaxBytes * files + 1024 * 1024);
}
