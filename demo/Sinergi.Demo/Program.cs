using Sinergi.Demo;

// Usage: dotnet run --project demo/Sinergi.Demo -- http://localhost:7071
var baseUrl = args.Length > 0 ? args[0] : "http://localhost:7071";
using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
try
{
    await new DemoLoader(http).LoadAsync();
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"Loading the demo data failed: {e.Message}");
    return 1;
}
