using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;

namespace Workflow.Functions.Admin;

public sealed record RebuildResponse(int Agreements);

public sealed record StartProcessesResponse(int Agreements);

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
        }).ProducesProblem(403).WithName("rebuildLists").WithSummary("Write every list projection again from the agreements (admin)");
        // Agreements recorded before their lifecycle ran as orchestrations (or whose start was lost) get one; idempotent.
        group.MapPost("/start-processes", async Task<Ok<StartProcessesResponse>> (HttpContext http, MissingProcesses processes, CancellationToken ct) =>
        {
            if (!http.Caller().IsAdmin) throw new ForbiddenException("Hanya admin yang dapat memulai proses perjanjian.");
            return TypedResults.Ok(new StartProcessesResponse(await processes.StartAsync(ct)));
        }).ProducesProblem(403).WithName("startProcesses").WithSummary("Give every agreement that has not ended an orchestration (admin)");
        return app;
    }
}
