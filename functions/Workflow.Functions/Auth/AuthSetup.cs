using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Auth;

public static class AuthSetup
{
    public const string DevIssuer = "sinergi-dev";
    public const string DevAudience = "sinergi";

    public static IServiceCollection AddSinergiAuth(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, clock) => Configure(jwt, auth.Value, clock));
        // Every read and write needs a signed-in caller with an e-mail and a role Sinergi knows.
        services.AddAuthorizationBuilder().SetDefaultPolicy(KnownCaller(JwtBearerDefaults.AuthenticationScheme));
        services.AddSinergiPageAuth();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblem>();
        services.AddSingleton<DevTokenIssuer>();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth, TimeProvider clock)
    {
        jwt.MapInboundClaims = false;
        jwt.TimeProvider = clock;
        var parameters = jwt.TokenValidationParameters;
        parameters.NameClaimType = "name";
        parameters.RoleClaimType = "roles";
        parameters.ClockSkew = TimeSpan.FromMinutes(1);
        // Lifetime against the app's clock, so the dev clock and real tokens agree.
        parameters.LifetimeValidator = (notBefore, expires, _, p) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value.ToUniversalTime() <= now + p.ClockSkew)
                && expires is not null && expires.Value.ToUniversalTime() >= now - p.ClockSkew;
        };
        if (auth.DevTokens)
        {
            parameters.ValidIssuer = DevIssuer;
            parameters.ValidAudience = DevAudience;
            parameters.IssuerSigningKey = DevSigningKey(auth);
        }
        else
        {
            jwt.Authority = auth.Authority;
            jwt.Audience = auth.Audience;
        }
    }

    public static SymmetricSecurityKey DevSigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.DevSigningKey!));

    /// <summary>Signed in by <paramref name="scheme"/>, with an e-mail (history names who acted) and at least one known role.</summary>
    public static AuthorizationPolicy KnownCaller(string scheme) => new AuthorizationPolicyBuilder(scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => Caller.From(context.User).IsKnown)
        .Build();
}
