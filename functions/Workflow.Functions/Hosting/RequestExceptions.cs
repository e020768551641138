namespace Workflow.Functions.Hosting;

// Each maps to one status code in ProblemExceptionHandler; the message is shown to the caller.

public sealed class NotFoundException(string message) : Exception(message);

public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Another request changed the agreement first (ETag mismatch); nothing was written.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);

public sealed class PayloadTooLargeException(string message) : Exception(message);

public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

/// <summary>An Idempotency-Key reused with a different request.</summary>
public sealed class IdempotencyKeyReusedException(string message) : Exception(message);
