using Microsoft.AspNetCore.Components;
using Workflow.Core;

namespace Workflow.Functions.Pages.Views.Actions;

/// <summary>What every command form of the agreement page is given: the agreement and the form's state.</summary>
public abstract class ActionForm : ComponentBase
{
    [Parameter, EditorRequired] public Agreement Agreement { get; set; } = null!;
    [Parameter, EditorRequired] public PageContext Page { get; set; } = null!;
    [Parameter, EditorRequired] public FormState State { get; set; } = FormState.Empty;
}
