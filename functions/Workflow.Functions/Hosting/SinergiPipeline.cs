namespace Workflow.Functions.Hosting;

/// <summary>
/// What every request goes through before its endpoint, in both hostings: a failure becomes a problem (or a page), an
/// empty error gets a problem body, the caller is signed in and checked against the endpoint's policy.
/// </summary>
public static class SinergiPipeline
{
    public static IApplicationBuilder UseSinergiPipeline(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        // Gives an empty 401, 403, 404 or 405 a problem body too.
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // The pages' language: the one the person chose (a cookie), Bahasa Indonesia otherwise. The API stays invariant.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/app"), pages => pages.UseRequestLocalization(Pages.PageCultures.Options()));
        return app;
    }
}
