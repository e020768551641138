using System.ComponentModel.DataAnnotations;
using Workflow.Core;

namespace Workflow.Functions.Directory;

public sealed record InstitutionRequest(
    [property: RegularExpression(Hosting.Ids.SlugPattern)] string? Id, string? Name, InstitutionKind? Kind,
    [property: RegularExpression(Hosting.Ids.SlugPattern)] string? RegionId, string? TimeZone, string? HeadName, [property: EmailAddress] string? HeadEmail,
    string? Class = null);

/// <summary>Someone the directory names: a delegate of a head, a reviewer of a Kanwil.</summary>
public sealed record Official(string Name, string Email);

public sealed record OfficialInput(string? Name, [property: EmailAddress] string? Email);

public sealed record DelegatesRequest([property: MaxItems(Institution.MaxDelegates)] IReadOnlyList<OfficialInput>? Delegates);

/// <param name="Delegates">
/// Who may sit on a review step for this institution besides its head, registered by an admin: for a Lapas, Rutan,
/// LPKA or Bapas its HeadOfInstitution step; for a Kanwil, the Kanwil step of its region's agreements.
/// </param>
public sealed record Institution(
    string Id, string Name, InstitutionKind Kind, string? Class, string RegionId, string TimeZone, string HeadName, string HeadEmail,
    IReadOnlyList<Official> Delegates)
{
    public const int MaxDelegates = 20;

    /// <summary>The head and the delegates.</summary>
    public IEnumerable<Official> Officials => [new Official(HeadName, HeadEmail), .. Delegates];
}

public sealed record PartnerRequest(
    [property: RegularExpression(Hosting.Ids.SlugPattern)] string? Id, string? Name, PartnerKind? Kind, string? ContactName, [property: EmailAddress] string? ContactEmail);

/// <summary>A partner as one caller sees it: the contact is the one that applies to them (see <see cref="ContactScope"/>).</summary>
public sealed record Partner(string Id, string Name, PartnerKind Kind, string ContactName, string ContactEmail);

/// <summary>
/// Whose a partner contact is. Notices about an institution's agreement go to the contact its own staff registered,
/// else its Kanwil's, else the one an admin registered: nobody can redirect another institution's notices.
/// </summary>
public sealed record ContactScope(string Key)
{
    public static readonly ContactScope Everyone = new("");
    public static ContactScope Institution(string id) => new($"institution:{id}");
    public static ContactScope Region(string id) => new($"region:{id}");

    /// <summary>The scopes to look in for an agreement of this institution, nearest first.</summary>
    public static IReadOnlyList<ContactScope> For(string institutionId, string regionId) => [Institution(institutionId), Region(regionId), Everyone];
}
