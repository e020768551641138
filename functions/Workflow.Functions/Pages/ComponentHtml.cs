using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Workflow.Functions.Pages;

/// <summary>
/// A component rendered to HTML outside a page response (the HTML e-mails), every value encoded by the framework.
/// </summary>
public sealed class ComponentHtml(IServiceProvider services, ILoggerFactory logs)
{
    public async Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters) where TComponent : IComponent
    {
        // Its own scope: a component's services (the renderer's among them) are scoped, and an e-mail has no request.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString());
    }
}
