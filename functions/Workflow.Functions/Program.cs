using Workflow.Functions.Auth;
using Workflow.Functions.Dispatch;
using Workflow.Functions.Email;
using Workflow.Functions.FunctionsHost;
using Workflow.Functions.Hosting;
using Workflow.Functions.Storage;
using Workflow.Functions.Timers;

var builder = WebApplication.CreateBuilder(args).UseFunctionsHostWhenPresent();

builder.Services
    .AddSinergiOptions(builder.Configuration)
    .AddSinergiHttp(builder.Environment)
    .AddSinergiStorage()
    .AddSinergiAuth()
    .AddSinergiAgreements()
    .AddSinergiDispatch()
    .AddSinergiEmail()
    .AddSinergiNotices();

var app = builder.Build();
app.UseSinergiHttp();
app.MapSinergiEndpoints();
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
