using Workflow.Core;

namespace Workflow.Functions.Directory;

public sealed record InstitutionRequest(
    string? Id, string? Name, InstitutionKind? Kind, string? Class, string? RegionId, string? TimeZone, string? HeadName, string? HeadEmail);

public sealed record Institution(
    string Id, string Name, InstitutionKind Kind, string? Class, string RegionId, string TimeZone, string HeadName, string HeadEmail);

public sealed record PartnerRequest(string? Id, string? Name, PartnerKind? Kind, string? ContactName, string? ContactEmail);

public sealed record Partner(string Id, string Name, PartnerKind Kind, string ContactName, string ContactEmail);
