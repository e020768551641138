using Workflow.Core;

namespace Workflow.Functions.Auth;

/// <summary>What a caller may do to an agreement now: the moves its rules allow, those the caller's role and place allow.</summary>
public static class CallerMoves
{
    /// <summary>Each move with its refusal: the agreement's own reason, or null when allowed. Moves the caller may never make are left out.</summary>
    public static IReadOnlyList<MoveOption> MovesFor(this Caller caller, Agreement a, DateTimeOffset now) =>
        [.. a.Moves(now).Where(m => caller.Makes(m.Move, a)).Select(m => m.Allowed && m.Move == Move.Decision ? m with { Refusal = a.DecisionRefusalFor(caller.Email) } : m)];

    /// <summary>The moves allowed to the caller now, by name (the API's <c>allowedMoves</c>).</summary>
    public static IReadOnlyList<string> AllowedMoves(this Caller? caller, Agreement a, DateTimeOffset now) =>
        caller is null ? [] : [.. caller.MovesFor(a, now).Where(m => m.Allowed).Select(m => m.Move)];

    /// <summary>An official decides their own step (an admin any); the institution's staff, its Kanwil and admins make the other moves.</summary>
    private static bool Makes(this Caller caller, string move, Agreement a) => move == Move.Decision
        ? caller.IsAdmin || a.OpenRound?.CurrentStep is { } waiting && string.Equals(waiting.Email, caller.Email, StringComparison.OrdinalIgnoreCase)
        : caller.CanWrite(a.InstitutionId, a.RegionId);
}
