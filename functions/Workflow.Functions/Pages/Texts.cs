namespace Workflow.Functions.Pages;

/// <summary>The pages' texts: <c>Texts.resx</c> in Bahasa Indonesia, <c>Texts.en.resx</c> in English (IStringLocalizer&lt;Texts&gt;).</summary>
public sealed class Texts;
