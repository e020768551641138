using Microsoft.DurableTask.Client;
using Workflow.Functions.Lifecycle;

namespace Workflow.Functions.FunctionsHost;

public static class HttpFunction
{
    /// <summary>Runs the endpoint of the function's route, with the function's Durable Task client at hand.</summary>
    public static IResult Run(HttpRequest request, DurableTaskClient process)
    {
        request.HttpContext.RequestServices.GetRequiredService<DurableClientHolder>().Use(process);
        return CatalogEndpointResult.Instance;
    }
}
