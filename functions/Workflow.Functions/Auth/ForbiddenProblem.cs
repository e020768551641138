using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace Workflow.Functions.Auth;

/// <summary>
/// An API caller signed in but refused by the policy (no e-mail, or no role Sinergi knows) gets a problem that says so;
/// the pages keep their own answer (the "no access" page).
/// </summary>
public sealed class ForbiddenProblem(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.Request.Path.StartsWithSegments("/api") && !Caller.From(context.User).IsKnown)
        {
            context.Response.StatusCode = 403;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 403, Title = "Tidak berwenang",
                    Detail = "Token Anda tidak memuat e-mail atau peran Sinergi (staff, reviewer, approver, kanwil, admin); hubungi admin.",
                },
            });
            return;
        }
        await standard.HandleAsync(next, context, policy, result);
    }
}
