using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Workflow.Functions.Pages;

/// <summary>
/// A component rendered to HTML outside a page response, encoded by the framework: for pages still written as HTML that
/// show a part already moved to a component (and, next, the HTML e-mails).
/// </summary>
public sealed class ComponentHtml(IServiceProvider services, ILoggerFactory logs)
{
    public async Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()))).ToHtmlString());
    }
}
