using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflow.Core;
using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Hosting;
using Workflow.Functions.Lifecycle;

namespace Workflow.Functions.Dev;

public sealed record DevTokenRequest(string? Email, string? Name, IReadOnlyList<string>? Roles, string? Institution = null, string? Region = null);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed record ClockRequest(DateTimeOffset? UtcNow);

public sealed record ClockResponse(DateTimeOffset UtcNow, bool IsSet);

/// <summary>Development and Testing only: sign-in tokens, the settable clock and an immediate sweep. Not mapped in production.</summary>
public static class DevApi
{
    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevOrTesting()) return app;
        var group = app.MapGroup("/api/dev").WithTags("Development");
        if (app.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens)
            group.MapPost("/token", Token).ProducesValidationProblem()
            .WithName("createDevToken").WithSummary("Get a development token (Development and Testing only)");
        group.MapGet("/clock", (DevClock clock) => TypedResults.Ok(new ClockResponse(clock.GetUtcNow(), clock.IsSet)))
            .WithName("getDevClock").WithSummary("Read the development clock");
        group.MapPut("/clock", SetClock).ProducesValidationProblem().WithName("setDevClock").WithSummary("Move the development clock");
        group.MapDelete("/clock", (DevClock clock) => { clock.Reset(); return TypedResults.Ok(new ClockResponse(clock.GetUtcNow(), false)); })
            .WithName("resetDevClock").WithSummary("Put the development clock back to real time");
        group.MapPost("/sweep", async (Sweep sweep, CancellationToken ct) => TypedResults.Ok(await sweep.RunAsync(ct)))
            .WithName("runSweep").WithSummary("Run the timer-triggered work now");
        return app;
    }

    private static Ok<DevTokenResponse> Token(DevTokenRequest body, DevTokenIssuer issuer, TimeProvider clock)
    {
        var v = new Validator();
        var email = v.Email("email", body.Email);
        var name = v.Text("name", body.Name, 200);
        var roles = v.List("roles", body.Roles, 1, Roles.All.Length);
        foreach (var role in roles.Where(r => !Roles.All.Contains(r)))
            v.Add("roles", $"Peran '{role}' tidak dikenal; pilih dari {string.Join(", ", Roles.All)}.");
        var institution = Ids.Optional(v, "institution", body.Institution);
        var region = Ids.Optional(v, "region", body.Region);
        v.ThrowIfAny();
        return TypedResults.Ok(new DevTokenResponse(issuer.Issue(email, name, roles, institution, region), clock.GetUtcNow() + DevTokenIssuer.Lifetime));
    }

    /// <summary>Answers once the orchestrations with a timer due by then have looked at their agreements against the new time.</summary>
    private static async Task<Ok<ClockResponse>> SetClock(ClockRequest body, DevClock clock, ClockMover mover, CancellationToken ct)
    {
        if (body.UtcNow is not { } now) throw DomainValidationException.For("utcNow", "Wajib diisi (ISO 8601).");
        await mover.MoveAsync(now, ct);
        return TypedResults.Ok(new ClockResponse(clock.GetUtcNow(), true));
    }
}
