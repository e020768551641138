using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workflow.Functions.Hosting;

namespace Workflow.Functions.Auth;

/// <summary>Development and Testing only: signs tokens with the local key, shaped like Entra ID's.</summary>
public sealed class DevTokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Issue(string email, string name, IEnumerable<string> roles, string? institution, string? region)
    {
        var claims = new List<Claim> { new("email", email), new("name", name), new("sub", email) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (institution is not null) claims.Add(new Claim("institution", institution));
        if (region is not null) claims.Add(new Claim("region", region));
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSetup.DevIssuer,
            Audience = AuthSetup.DevAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(AuthSetup.DevSigningKey(options.Value), SecurityAlgorithms.HmacSha256),
        });
    }
}
