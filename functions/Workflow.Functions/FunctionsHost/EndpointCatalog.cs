using Workflow.Functions.Hosting;

namespace Workflow.Functions.FunctionsHost;

/// <summary>
/// Under the Functions host: the endpoints the standalone app maps, built once beside the host's own routing. An HTTP
/// function runs the endpoint with its route and method through the same pipeline the standalone app has (problem
/// details, status pages, authentication, the endpoint's authorization policy, its body limit), so both hostings answer
/// alike. The endpoints never match a URL here (only the functions' own endpoints are routed); they also describe the
/// API for OpenAPI.
/// </summary>
public sealed class EndpointCatalog
{
    private readonly Dictionary<(string Route, string Method), RouteEndpoint> byRoute = [];
    // Built at the first request: its authorization middleware asks for the endpoints, that is, for this catalog.
    private readonly Lazy<RequestDelegate> pipeline;

    public EndpointCatalog(IServiceProvider services)
    {
        var routes = new DetachedRouteBuilder(services);
        routes.MapSinergiEndpoints();
        DataSource = new CompositeEndpointDataSource(routes.DataSources);
        foreach (var endpoint in DataSource.Endpoints.OfType<RouteEndpoint>())
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                byRoute[(Normalize(endpoint.RoutePattern.RawText), method)] = endpoint;

        pipeline = new(() =>
        {
            var app = new ApplicationBuilder(services);
            app.UseSinergiPipeline();
            app.Run(http => http.GetEndpoint()!.RequestDelegate!(http));
            return app.Build();
        });
    }

    public EndpointDataSource DataSource { get; }

    public RouteEndpoint? Find(string route, string method) => byRoute.GetValueOrDefault((Normalize(route), method.ToUpperInvariant()));

    /// <summary>Runs the endpoint the function's route names, as the standalone app would have.</summary>
    public Task RunAsync(HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        if (Find(route, http.Request.Method) is not { } endpoint)
        {
            // A development endpoint outside Development and Testing: it exists as a function, not as an endpoint.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        http.SetEndpoint(endpoint);
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is { } limit
            && http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            body.MaxRequestBodySize = limit.MaxRequestBodySize;
        return pipeline.Value(http);
    }

    private static string Normalize(string? route) => (route ?? "").Trim('/');

    /// <summary>Where the endpoints are mapped: no server of its own, only their list.</summary>
    private sealed class DetachedRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;
        public ICollection<EndpointDataSource> DataSources { get; } = [];
        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}

/// <summary>What an HTTP function returns: its endpoint, run as the standalone app runs it.</summary>
public sealed class CatalogEndpointResult : IResult
{
    public static readonly CatalogEndpointResult Instance = new();

    public Task ExecuteAsync(HttpContext httpContext) => httpContext.RequestServices.GetRequiredService<EndpointCatalog>().RunAsync(httpContext);
}
