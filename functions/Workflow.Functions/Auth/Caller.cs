using System.Security.Claims;
using Workflow.Core;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Auth;

public static class Roles
{
    public const string Staff = "staff";
    public const string Reviewer = "reviewer";
    public const string Approver = "approver";
    public const string Kanwil = "kanwil";
    public const string Admin = "admin";
    public static readonly string[] All = [Staff, Reviewer, Approver, Kanwil, Admin];
}

/// <summary>The signed-in user, read from the token's claims, and what they may see and change.</summary>
public sealed record Caller(string Email, string Name, IReadOnlySet<string> Roles, string? InstitutionId, string? RegionId)
{
    public static Caller From(ClaimsPrincipal user) => new(
        (user.FindFirstValue("email") ?? user.FindFirstValue("preferred_username") ?? "").ToLowerInvariant(),
        user.FindFirstValue("name") ?? "",
        user.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirstValue("institution"),
        user.FindFirstValue("region"));

    public bool IsAdmin => Roles.Contains(Auth.Roles.Admin);

    /// <summary>Signed in with an e-mail and at least one role Sinergi knows: the least anyone needs to read anything.</summary>
    public bool IsKnown => Email.Length > 0 && Roles.Overlaps(Auth.Roles.All);

    /// <summary>May change agreements somewhere (staff, the Kanwil, admin), before it is known which.</summary>
    public bool MayWriteAnywhere => IsAdmin || Roles.Contains(Auth.Roles.Kanwil) || Roles.Contains(Auth.Roles.Staff);

    /// <summary>May import somewhere: import is the Kanwil's and admin's, never the institution's own staff.</summary>
    public bool MayImportAnywhere => IsAdmin || Roles.Contains(Auth.Roles.Kanwil);

    public bool CanImport(string regionId) => IsAdmin || (Roles.Contains(Auth.Roles.Kanwil) && RegionId == regionId);

    public bool CanWrite(string institutionId, string regionId) =>
        IsAdmin
        || (Roles.Contains(Auth.Roles.Kanwil) && RegionId == regionId)
        || (Roles.Contains(Auth.Roles.Staff) && InstitutionId == institutionId);

    public bool CanRead(string institutionId, string regionId) =>
        CanWrite(institutionId, regionId)
        || ((Roles.Contains(Auth.Roles.Reviewer) || Roles.Contains(Auth.Roles.Approver)) && InstitutionId == institutionId);

    public void EnsureCanRead(Agreement a)
    {
        if (!CanRead(a.InstitutionId, a.RegionId))
            throw new ForbiddenException("Anda tidak berwenang membuka perjanjian ini.");
    }

    public void EnsureCanWrite(Agreement a)
    {
        EnsureCanRead(a);
        if (!CanWrite(a.InstitutionId, a.RegionId))
            throw new ForbiddenException("Peran Anda hanya dapat membaca perjanjian ini.");
    }

    public Actor ToActor(string? address = null) => new(Email, Name, address);
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => Auth.Caller.From(context.User);

    public static Actor Actor(this HttpContext context) =>
        context.Caller().ToActor(context.Connection.RemoteIpAddress?.ToString());
}
