using Microsoft.Extensions.Options;

namespace Workflow.Functions.Email;

public enum EmailTransportKind { Smtp, SendGrid }

public sealed class EmailOptions
{
    public const string Section = "Email";
    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Smtp;
    public string From { get; set; } = "";
    public string FromName { get; set; } = "Sinergi";
    /// <summary>Waits between tries of a failed send; after the last, the failure goes into the agreement's history.</summary>
    /// <remarks>No default here: the configuration binder appends to an array that already has items.</remarks>
    public int[]? RetryDelaysSeconds { get; set; }

    public static readonly int[] DefaultRetryDelaysSeconds = [30, 120, 600, 1800, 7200];

    public IReadOnlyList<int> RetryDelays => RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelaysSeconds;
}

public sealed class SmtpOptions
{
    public const string Section = "Smtp";
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>StartTls when the server offers it; set true for implicit TLS (port 465).</summary>
    public bool UseSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

public sealed class SendGridOptions
{
    public const string Section = "SendGrid";
    public string ApiKey { get; set; } = "";
    /// <summary>Only for tests: where the v3 API is (a local server).</summary>
    public string? Host { get; set; }
}

internal sealed class EmailOptionsValidator(IOptions<SmtpOptions> smtp, IOptions<SendGridOptions> sendGrid) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.From) || !o.From.Contains('@')) return ValidateOptionsResult.Fail("Setting 'Email:From' is missing (the sender address).");
        if (o.RetryDelays.Any(d => d is < 0 or > 86_400))
            return ValidateOptionsResult.Fail("Setting 'Email:RetryDelaysSeconds' must list delays of 0 to 86400 seconds.");
        return o.Transport switch
        {
            EmailTransportKind.Smtp when string.IsNullOrWhiteSpace(smtp.Value.Host) => ValidateOptionsResult.Fail("Setting 'Smtp:Host' is missing (Email:Transport is Smtp)."),
            EmailTransportKind.Smtp when smtp.Value.Port is < 1 or > 65535 => ValidateOptionsResult.Fail("Setting 'Smtp:Port' must be 1-65535."),
            EmailTransportKind.SendGrid when string.IsNullOrWhiteSpace(sendGrid.Value.ApiKey) => ValidateOptionsResult.Fail("Setting 'SendGrid:ApiKey' is missing (Email:Transport is SendGrid)."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
