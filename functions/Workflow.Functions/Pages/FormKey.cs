namespace Workflow.Functions.Pages;

/// <summary>
/// Every page form carries a key of its own, made when the form is shown: a double submit (or a resend after a lost
/// answer) sends it twice and the command's idempotency gives the second the first one's outcome, so one change is stored.
/// A form shown again after a refusal has a new key.
/// </summary>
public static class FormKey
{
    public const string Field = "formKey";

    public static string New() => Guid.NewGuid().ToString("N");
}
