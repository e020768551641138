using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Admin;

public sealed record RebuildResponse(int Agreements);

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization();
        // The lists are projections of the state rows; this writes them again from scratch.
        group.MapPost("/rebuild-lists", async Task<Ok<RebuildResponse>> (HttpContext http, Projections projections, CancellationToken ct) =>
        {
            if (!http.Caller().IsAdmin) throw new ForbiddenException("Hanya admin yang dapat membangun ulang daftar.");
            return TypedResults.Ok(new RebuildResponse(await projections.RebuildAsync(ct)));
        }).ProducesProblem(403);
        return app;
    }
}
