namespace Workflow.Functions.Hosting;

/// <summary>
/// The kinds of refusal, each with its own problem <c>type</c> (RFC 9457), so a client tells them apart without reading
/// the title: two 409s, a wrong move and a lost race, call for different things.
/// </summary>
public static class ProblemTypes
{
    private const string Base = "urn:sinergi:problem:";

    /// <summary>400: the request's values; <c>errors</c> names each field.</summary>
    public const string Validation = Base + "validation";
    /// <summary>409: the agreement's status (or its rules) does not allow this move now; <c>allowedMoves</c> says which do.</summary>
    public const string InvalidMove = Base + "invalid-move";
    /// <summary>409: another request changed the agreement first; read it again and retry.</summary>
    public const string LostRace = Base + "lost-race";
    /// <summary>422: the Idempotency-Key was used before for a different request.</summary>
    public const string IdempotencyConflict = Base + "idempotency-conflict";
    /// <summary>413: the body or the file is larger than allowed.</summary>
    public const string TooLarge = Base + "too-large";
    /// <summary>415: the body's media type, or the file's content, is not one this endpoint takes.</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    /// <summary>503: storage did not answer; nothing was changed, retry later.</summary>
    public const string StorageUnavailable = Base + "storage-unavailable";
    /// <summary>401: no valid bearer token.</summary>
    public const string Unauthorized = Base + "unauthorized";
    /// <summary>403: the caller's role or scope does not reach this.</summary>
    public const string Forbidden = Base + "forbidden";
    /// <summary>404: no such agreement, document or route.</summary>
    public const string NotFound = Base + "not-found";

    /// <summary>Every type with what it means, for the API description.</summary>
    public static readonly IReadOnlyList<(string Type, int Status, string Meaning)> All =
    [
        (Validation, 400, "The request's values: `errors` names each field with a message."),
        (Unauthorized, 401, "No valid bearer token."),
        (Forbidden, 403, "The caller's role or scope does not reach this."),
        (NotFound, 404, "No such agreement, document or route."),
        (InvalidMove, 409, "The agreement's status or rules do not allow this move now; its `allowedMoves` say which do."),
        (LostRace, 409, "Another request changed the agreement first; read it again and retry."),
        (TooLarge, 413, "The body or the file is larger than allowed."),
        (IdempotencyConflict, 422, "The Idempotency-Key was used before for a different request."),
        (UnsupportedMediaType, 415, "The body's media type, or the file's content, is not one this endpoint takes."),
        (StorageUnavailable, 503, "Storage did not answer; nothing was changed, retry later."),
    ];
}
