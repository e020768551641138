namespace Workflow.BrowserTests;

/// <summary>One app, Azurite, maildev and Chromium for every browser test.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
