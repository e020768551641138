using Microsoft.Playwright;
using Workflow.IntegrationTests.Infrastructure;

namespace Workflow.BrowserTests;

/// <summary>Azurite, maildev, the app and Debian's Chromium driven by Playwright; screenshots go to .test-data/screenshots.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public static readonly string Screenshots = Path.Combine(AzuriteProcess.RepositoryRoot(), ".test-data", "screenshots");

    public AzuriteProcess Azurite { get; private set; } = null!;
    public MaildevProcess Mail { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: ./test installs Debian's chromium package (as root).");
        Directory.CreateDirectory(Screenshots);
        Azurite = await AzuriteProcess.StartAsync();
        Mail = await MaildevProcess.StartAsync();
        var settings = SinergiFactory.ProcessSettings(Azurite.ConnectionString);
        settings["Smtp__Port"] = Mail.SmtpPort.ToString();
        settings["Engine__QueuePollMilliseconds"] = "50";
        App = new AppProcess(settings);
        // Approval links in the emails lead to this app, on its own port.
        await App.StartAsync(new Dictionary<string, string> { ["Approvals__PublicBaseUrl"] = App.Url });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's own network features would reach for hosts this machine cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public Api Api() => new(new HttpClient { BaseAddress = new Uri(App.Url) });

    public async Task<IPage> NewPageAsync(int width = 1100, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.Url, ViewportSize = new ViewportSize { Width = width, Height = height } });
        // ./test runs the other suites beside this one on two cores: allow for a slow moment.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        await Mail.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
