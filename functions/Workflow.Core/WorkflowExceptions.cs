namespace Workflow.Core;

/// <summary>A command that the agreement's current state does not allow. The API answers 409.</summary>
public sealed class InvalidMoveException(string message) : Exception(message);

/// <summary>Input that breaks a rule of the domain, keyed by field. The API answers 400.</summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Data tidak valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static DomainValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
