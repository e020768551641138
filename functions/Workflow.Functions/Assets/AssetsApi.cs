using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.StaticFiles;

namespace Workflow.Functions.Assets;

/// <summary>
/// The pages' own stylesheet (and nothing from elsewhere), served from the app's wwwroot/assets by an endpoint, so that
/// the Functions host's HTTP function and the standalone app serve it alike.
/// </summary>
public static class AssetsApi
{
    private static readonly PhysicalFileProvider Files = new(Path.Combine(AppContext.BaseDirectory, "wwwroot", "assets"));
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{file}", (string file, HttpContext http) =>
        {
            var info = Files.GetFileInfo(file);
            if (!info.Exists || info.IsDirectory || file.Contains('/') || !Types.TryGetContentType(file, out var type)) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(info.CreateReadStream(), type, lastModified: info.LastModified);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
