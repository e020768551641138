using Microsoft.Extensions.Options;
using Workflow.Functions.Approvals;
using Workflow.Functions.Storage;

namespace Workflow.Functions.Email;

public static class EmailSetup
{
    public static IServiceCollection AddSinergiEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.Section);
        services.AddOptions<ApprovalOptions>().BindConfiguration(ApprovalOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddSingleton<IValidateOptions<ApprovalOptions>, ApprovalOptionsValidator>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<SendGridTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Transport == EmailTransportKind.SendGrid
            ? sp.GetRequiredService<SendGridTransport>()
            : sp.GetRequiredService<SmtpTransport>());
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailDelivery>();
        services.AddSingleton<SignedTokens>();
        services.AddSingleton<ApprovalTokens>();
        services.AddSingleton<Partners.PartnerLinks>();
        services.AddSinergiDataProtection();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sinergi-antiforgery";
            o.FormFieldName = "__antiforgery";
        });
        return services;
    }
}
