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
        group.MapPost("/", Create).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        group.MapGet("/", async (DirectoryStore store, CancellationToken ct) => TypedResults.Ok(await store.ListInstitutionsAsync(ct)));
        group.MapGet("/{id}", async Task<Ok<Institution>> (string id, DirectoryStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.FindInstitutionAsync(Ids.Route(id), ct) ?? throw new NotFoundException($"Lembaga '{id}' tidak ditemukan.")))
            .ProducesProblem(404);
        return app;
    }

    private static async Task<Created<Institution>> Create(InstitutionRequest body, HttpContext http, DirectoryStore store, CancellationToken ct)
    {
        var v = new Validator();
        var institution = new Institution(
            Ids.Check(v, "id", body.Id),
            v.Text("name", body.Name, 200, min: 3),
            v.Required("kind", body.Kind),
            v.OptionalText("class", body.Class, 20),
            Ids.Check(v, "regionId", body.RegionId),
            body.TimeZone ?? "",
            v.Text("headName", body.HeadName, 200),
            v.Email("headEmail", body.HeadEmail));
        if (!InstitutionTime.IsKnown(body.TimeZone)) v.Add("timeZone", "Zona waktu harus Asia/Jakarta, Asia/Makassar atau Asia/Jayapura.");
        v.ThrowIfAny();
        var caller = http.Caller();
        if (!caller.IsAdmin && !(caller.Roles.Contains(Roles.Kanwil) && caller.RegionId == institution.RegionId))
            throw new ForbiddenException("Hanya admin atau Kanwil wilayahnya yang dapat mendaftarkan lembaga.");
        await store.AddAsync(institution, ct);
        return TypedResults.Created($"/api/institutions/{institution.Id}", institution);
    }
}

public static class PartnersApi
{
    public static IEndpointRouteBuilder MapPartnersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partners").WithTags("Partners").RequireAuthorization();
        group.MapPost("/", Create).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(409);
        group.MapGet("/", async (DirectoryStore store, CancellationToken ct) => TypedResults.Ok(await store.ListPartnersAsync(ct)));
        group.MapGet("/{id}", async Task<Ok<Partner>> (string id, DirectoryStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.FindPartnerAsync(Ids.Route(id), ct) ?? throw new NotFoundException($"Mitra '{id}' tidak ditemukan.")))
            .ProducesProblem(404);
        return app;
    }

    private static async Task<Created<Partner>> Create(PartnerRequest body, HttpContext http, DirectoryStore store, CancellationToken ct)
    {
        var v = new Validator();
        var partner = new Partner(
            Ids.Check(v, "id", body.Id),
            v.Text("name", body.Name, 200, min: 3),
            v.Required("kind", body.Kind),
            v.Text("contactName", body.ContactName, 200),
            v.Email("contactEmail", body.ContactEmail));
        v.ThrowIfAny();
        var caller = http.Caller();
        if (!caller.IsAdmin && !caller.Roles.Contains(Roles.Kanwil) && !caller.Roles.Contains(Roles.Staff))
            throw new ForbiddenException("Hanya staf, Kanwil atau admin yang dapat mendaftarkan mitra.");
        await store.AddAsync(partner, ct);
        return TypedResults.Created($"/api/partners/{partner.Id}", partner);
    }
}
