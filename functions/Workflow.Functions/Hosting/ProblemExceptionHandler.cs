using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflow.Core;

namespace Workflow.Functions.Hosting;

/// <summary>Turns every known failure into an RFC 9457 problem; only a real bug stays a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            return false;
        }
        if (problem.Status >= 500) logger.LogWarning(exception, "Storage unavailable on {Path}", context.Request.Path);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        DomainValidationException e => new HttpValidationProblemDetails(e.Errors.ToDictionary(k => k.Key, k => k.Value))
        {
            Status = 400, Title = "Data tidak valid", Detail = "Periksa isian yang ditandai.",
        },
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Permintaan tidak dapat dibaca", Detail = Describe(e) },
        JsonException e => new ProblemDetails { Status = 400, Title = "JSON tidak valid", Detail = e.Message },
        // A form the framework could not read (too many fields, a field too long, a broken encoding).
        InvalidDataException e => new ProblemDetails { Status = 400, Title = "Formulir tidak dapat dibaca", Detail = e.Message },
        InvalidMoveException e => new ProblemDetails { Status = 409, Title = "Langkah tidak diizinkan pada status ini", Detail = e.Message },
        ConcurrencyConflictException e => new ProblemDetails { Status = 409, Title = "Perjanjian diubah oleh permintaan lain", Detail = e.Message },
        NotFoundException e => new ProblemDetails { Status = 404, Title = "Tidak ditemukan", Detail = e.Message },
        ForbiddenException e => new ProblemDetails { Status = 403, Title = "Tidak berwenang", Detail = e.Message },
        PayloadTooLargeException e => new ProblemDetails { Status = 413, Title = "Terlalu besar", Detail = e.Message },
        // The storage refused a size our own checks let through: still the caller's input, never a 500.
        RequestFailedException { ErrorCode: "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" } =>
            new ProblemDetails { Status = 413, Title = "Terlalu besar", Detail = "Data ini terlalu besar untuk disimpan. Persingkat isian yang panjang." },
        UnsupportedMediaTypeException e => new ProblemDetails { Status = 415, Title = "Jenis berkas tidak didukung", Detail = e.Message },
        IdempotencyKeyReusedException e => new ProblemDetails { Status = 422, Title = "Idempotency-Key sudah dipakai", Detail = e.Message },
        RequestFailedException { Status: 0 or 408 or 500 or 502 or 503 or 504 } or AggregateException { InnerException: RequestFailedException }
            or HttpRequestException or TimeoutException =>
            new ProblemDetails { Status = 503, Title = "Penyimpanan tidak dapat dijangkau", Detail = "Coba lagi sebentar lagi." },
        _ => null,
    };

    private static string Describe(BadHttpRequestException e) => e.InnerException switch
    {
        JsonException json => $"JSON tidak valid: {json.Message}",
        { } inner => $"{e.Message} {inner.Message}",
        _ => e.Message,
    };
}
