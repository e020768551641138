using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Workflow.IntegrationTests.Infrastructure;

/// <summary>A token signed with the test key but shaped as the dev token endpoint would never make it: a claim missing or unknown.</summary>
public static class CraftedToken
{
    public static string With(params (string Type, string Value)[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "sinergi-dev",
        Audience = "sinergi",
        Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value))),
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SinergiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
    });
}
