using Workflow.Functions.FunctionsHost;
using Workflow.Functions.Hosting;

// One executable, two hostings: the Azure Functions host starts it as its isolated worker; started any other way
// (./run, the tests, the benchmark) it hosts the same endpoints, orchestrations and triggers itself.
if (FunctionsApp.IsUnderFunctionsHost(args)) FunctionsApp.Build(args).Run();
else SinergiApp.Build(args).Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
