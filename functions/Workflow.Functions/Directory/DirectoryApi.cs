using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Directory;

public static class InstitutionsApi
{
    public static IEndpointRouteBuilder MapInstitutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/institutions").WithTags("Institutions").RequireAuthorization();
        group.MapPost("/", Create).WithBodyLimit(BodyLimit.Json)
            .Accepts<InstitutionRequest>("application/json").Produces<Institution>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409)
            .WithName("createInstitution").WithSummary("Register an institution (admin, or the Kanwil of its region)");
        group.MapGet("/", async (DirectoryStore store, CancellationToken ct) => TypedResults.Ok(await store.ListInstitutionsAsync(ct)))
            .WithName("listInstitutions").WithSummary("List the institutions");
        group.MapGet("/{id}", async Task<Ok<Institution>> (string id, DirectoryStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.FindInstitutionAsync(Ids.Route(id), ct) ?? throw new NotFoundException($"Lembaga '{id}' tidak ditemukan.")))
            .ProducesProblem(404).WithName("getInstitution").WithSummary("Get one institution");
        group.MapPut("/{id}/delegates", SetDelegates).WithBodyLimit(BodyLimit.Json)
            .Accepts<DelegatesRequest>("application/json").Produces<Institution>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404)
            .WithName("setInstitutionDelegates").WithSummary("Set who besides the head may decide for an institution (admin)");
        return app;
    }

    private static async Task<Created<Institution>> Create(HttpContext http, DirectoryStore store, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!caller.IsAdmin && !caller.Roles.Contains(Roles.Kanwil))
            throw new ForbiddenException("Hanya admin atau Kanwil wilayahnya yang dapat mendaftarkan lembaga.");
        var body = await JsonBody.ReadAsync<InstitutionRequest>(http.Request, ct);
        var v = new Validator();
        var institution = new Institution(
            Ids.Check(v, "id", body.Id),
            v.Line("name", body.Name, 200, min: 3),
            v.Required("kind", body.Kind),
            v.OptionalLine("class", body.Class, 20),
            Ids.Check(v, "regionId", body.RegionId),
            body.TimeZone ?? "",
            v.Line("headName", body.HeadName, 200),
            v.Email("headEmail", body.HeadEmail),
            []);
        if (!InstitutionTime.IsKnown(body.TimeZone)) v.Add("timeZone", "Zona waktu harus Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.");
        v.ThrowIfAny();
        if (!caller.IsAdmin && caller.RegionId != institution.RegionId)
            throw new ForbiddenException("Hanya admin atau Kanwil wilayahnya yang dapat mendaftarkan lembaga.");
        await store.AddAsync(institution, ct);
        return TypedResults.Created($"/api/institutions/{institution.Id}", institution);
    }

    /// <summary>Who besides the head may decide for the institution (its HeadOfInstitution step, or for a Kanwil its Kanwil step): the admin's to say.</summary>
    private static async Task<Ok<Institution>> SetDelegates(string id, HttpContext http, DirectoryStore store, CancellationToken ct)
    {
        if (!http.Caller().IsAdmin) throw new ForbiddenException("Hanya admin yang dapat mendaftarkan delegasi dan peninjau.");
        Ids.Route(id);
        var body = await JsonBody.ReadAsync<DelegatesRequest>(http.Request, ct);
        var v = new Validator();
        var delegates = v.List("delegates", body.Delegates, 0, Institution.MaxDelegates)
            .Select((d, i) => new Official(v.Line($"delegates[{i}].name", d?.Name, 200), v.Email($"delegates[{i}].email", d?.Email)))
            .ToList();
        var duplicate = delegates.GroupBy(d => d.Email).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null) v.Add("delegates", $"{duplicate.Key} tercantum lebih dari sekali.");
        v.ThrowIfAny();
        var institution = await store.FindInstitutionAsync(id, ct) ?? throw new NotFoundException($"Lembaga '{id}' tidak ditemukan.");
        if (delegates.FirstOrDefault(d => d.Email == institution.HeadEmail) is { } head)
            throw DomainValidationException.For("delegates", $"{head.Email} adalah kepala lembaga; delegasi adalah orang lain.");
        await store.SetDelegatesAsync(id, delegates, ct);
        return TypedResults.Ok(institution with { Delegates = delegates });
    }
}

public static class PartnersApi
{
    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partners").WithTags("Partners").RequireAuthorization();
        group.MapPost("/", Create).WithBodyLimit(BodyLimit.Json)
            .Accepts<PartnerRequest>("application/json").Produces<Partner>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409)
            .WithName("createPartner").WithSummary("Register a partner");
        group.MapGet("/", async (HttpContext http, DirectoryStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.ListPartnersAsync(ReadScopes(http.Caller()), ct)))
            .WithName("listPartners").WithSummary("List the partners, with the contact the caller's scope holds");
        group.MapGet("/{id}", async Task<Ok<Partner>> (string id, HttpContext http, DirectoryStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.FindPartnerAsync(Ids.Route(id), ReadScopes(http.Caller()), ct) ?? throw new NotFoundException($"Mitra '{id}' tidak ditemukan.")))
            .ProducesProblem(404).WithName("getPartner").WithSummary("Get one partner");
        return app;
    }

    /// <summary>A partner and its contact for the caller's institution (staff), region (the Kanwil) or everyone (admin).</summary>
    private static async Task<Created<Partner>> Create(HttpContext http, DirectoryStore store, CancellationToken ct)
    {
        var scope = WriteScope(http.Caller());
        var body = await JsonBody.ReadAsync<PartnerRequest>(http.Request, ct);
        var v = new Validator();
        var id = Ids.Check(v, "id", body.Id);
        var name = v.Line("name", body.Name, 200, min: 3);
        var kind = v.Required("kind", body.Kind);
        var contact = new Official(v.Line("contactName", body.ContactName, 200), v.Email("contactEmail", body.ContactEmail));
        v.ThrowIfAny();
        var partner = await store.AddPartnerAsync(id, name, kind, contact, scope, ct);
        return TypedResults.Created($"/api/partners/{partner.Id}", partner);
    }

    private static ContactScope WriteScope(Caller caller) =>
        caller.IsAdmin ? ContactScope.Everyone
        : caller.Roles.Contains(Roles.Kanwil) && caller.RegionId is { } region ? ContactScope.Region(region)
        : caller.Roles.Contains(Roles.Staff) && caller.InstitutionId is { } institution ? ContactScope.Institution(institution)
        : throw new ForbiddenException("Hanya staf, Kanwil atau admin yang dapat mendaftarkan mitra.");

    /// <summary>Where to look for the contact a caller sees, nearest first.</summary>
    public static IReadOnlyList<ContactScope> ReadScopes(Caller caller) =>
        caller.IsAdmin ? [ContactScope.Everyone]
        : caller.Roles.Contains(Roles.Kanwil) && caller.RegionId is { } region ? [ContactScope.Region(region), ContactScope.Everyone]
        : caller.InstitutionId is { } institution && caller.RegionId is { } own ? ContactScope.For(institution, own)
        : caller.InstitutionId is { } alone ? [ContactScope.Institution(alone), ContactScope.Everyone]
        : [ContactScope.Everyone];
}
