using Workflow.Functions.Hosting;

SinergiApp.Build(args).Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
