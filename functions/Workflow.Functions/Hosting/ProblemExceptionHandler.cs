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
        DomainValidationException e => Invalid(e.Errors),
        BadHttpRequestException { StatusCode: 413 } => Problem(413, ProblemTypes.TooLarge, "Terlalu besar", "Permintaan melebihi batas ukuran."),
        BadHttpRequestException { InnerException: JsonException json } => Invalid(JsonErrors.From(json, typeof(object)).Errors),
        BadHttpRequestException => Invalid(Body("Permintaan tidak dapat dibaca: periksa parameter dan isinya.")),
        JsonException e => Invalid(JsonErrors.From(e, typeof(object)).Errors),
        // A form the framework could not read (too many fields, a field too long, a broken encoding).
        InvalidDataException => Invalid(Body("Formulir tidak dapat dibaca: terlalu banyak bagian, bagian terlalu panjang, atau rusak.")),
        InvalidMoveException e => Problem(409, ProblemTypes.InvalidMove, "Langkah tidak diizinkan pada status ini", e.Message),
        ConcurrencyConflictException e => Problem(409, ProblemTypes.LostRace, "Perjanjian diubah oleh permintaan lain", e.Message),
        NotFoundException e => Problem(404, ProblemTypes.NotFound, "Tidak ditemukan", e.Message),
        ForbiddenException e => Problem(403, ProblemTypes.Forbidden, "Tidak berwenang", e.Message),
        PayloadTooLargeException e => Problem(413, ProblemTypes.TooLarge, "Terlalu besar", e.Message),
        // The storage refused a size our own checks let through: still the caller's input, never a 500.
        RequestFailedException { ErrorCode: "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" } =>
            Problem(413, ProblemTypes.TooLarge, "Terlalu besar", "Data ini terlalu besar untuk disimpan. Persingkat isian yang panjang."),
        UnsupportedMediaTypeException e => Problem(415, ProblemTypes.UnsupportedMediaType, "Jenis berkas tidak didukung", e.Message),
        IdempotencyKeyReusedException e => Problem(422, ProblemTypes.IdempotencyConflict, "Idempotency-Key sudah dipakai", e.Message),
        RequestFailedException { Status: 0 or 408 or 500 or 502 or 503 or 504 } or AggregateException { InnerException: RequestFailedException }
            or HttpRequestException or TimeoutException =>
            Problem(503, ProblemTypes.StorageUnavailable, "Penyimpanan tidak dapat dijangkau", "Coba lagi sebentar lagi."),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string type, string title, string detail) => new() { Status = status, Type = type, Title = title, Detail = detail };

    private static HttpValidationProblemDetails Invalid(IReadOnlyDictionary<string, string[]> errors) => new(errors.ToDictionary(k => k.Key, k => k.Value))
    {
        Status = 400, Type = ProblemTypes.Validation, Title = "Data tidak valid", Detail = "Periksa isian yang ditandai.",
    };

    private static Dictionary<string, string[]> Body(string message) => new() { ["body"] = [message] };

    /// <summary>
    /// The problems the framework writes itself (an empty 401, 403, 404 or 405 given a body by the status-code pages,
    /// a 415 of a route that takes no such body): a type by their status, and a 400 always with <c>errors</c>.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            problem.Type = problem.Status switch
            {
                400 => ProblemTypes.Validation,
                401 => ProblemTypes.Unauthorized,
                403 => ProblemTypes.Forbidden,
                404 => ProblemTypes.NotFound,
                413 => ProblemTypes.TooLarge,
                415 => ProblemTypes.UnsupportedMediaType,
                503 => ProblemTypes.StorageUnavailable,
                _ => problem.Type,
            };
        if (problem.Status == 400 && problem is not HttpValidationProblemDetails && !problem.Extensions.ContainsKey("errors"))
            problem.Extensions["errors"] = Body(problem.Detail ?? problem.Title ?? "Permintaan tidak valid.");
    }
}
