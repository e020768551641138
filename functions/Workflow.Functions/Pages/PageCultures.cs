using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflow.Functions.Pages;

/// <summary>The pages' two languages, chosen by the language cookie (<see cref="PageContext.LanguageCookie"/>).</summary>
public static class PageCultures
{
    public static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID"), English = CultureInfo.GetCultureInfo("en");

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Indonesian),
            SupportedCultures = [Indonesian, English],
            SupportedUICultures = [Indonesian, English],
        };
        options.RequestCultureProviders = [new CustomRequestCultureProvider(http => Task.FromResult<ProviderCultureResult?>(
            new ProviderCultureResult(http.Request.Cookies[PageContext.LanguageCookie] == "en" ? English.Name : Indonesian.Name)))];
        return options;
    }
}
