namespace Workflow.Functions.Agreements;

/// <summary>Writes a command's answer, first-time or replayed, byte for byte the same.</summary>
public sealed class StoredResponseResult(StoredResponse response) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => response.StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.StatusCode;
        if (response.Location is not null) httpContext.Response.Headers.Location = response.Location;
        if (response.Replayed) httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(response.Body);
    }
}

public static class StoredResponseExtensions
{
    public static StoredResponseResult ToResult(this StoredResponse response) => new(response);
}
