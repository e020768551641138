using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Workflow.Functions.Email;

/// <summary>Sends through the SendGrid v3 API with the official client. 429 and 5xx are worth another try; other refusals are not.</summary>
public sealed class SendGridTransport(IOptions<SendGridOptions> sendGrid, IOptions<EmailOptions> email) : IEmailTransport
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var options = new SendGridClientOptions { ApiKey = sendGrid.Value.ApiKey };
        if (!string.IsNullOrWhiteSpace(sendGrid.Value.Host)) options.Host = sendGrid.Value.Host;
        var client = new SendGridClient(options);

        var mail = new SendGridMessage { From = new EmailAddress(email.Value.From, email.Value.FromName), Subject = message.Subject };
        mail.AddTos(message.To.Select(t => new EmailAddress(t.Email, t.Name)).ToList());
        mail.AddContent(MimeType.Text, message.Text);
        mail.AddContent(MimeType.Html, message.Html);
        mail.AddHeader(EmailHeaders.OutboxId, message.OutboxId);
        mail.AddCustomArg("outboxId", message.OutboxId);

        try
        {
            var response = await client.SendEmailAsync(mail, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return SendResult.Sent;
            var body = await response.Body.ReadAsStringAsync(ct);
            var detail = $"SendGrid {status}: {(body.Length > 500 ? body[..500] : body)}";
            return response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 ? SendResult.Transient(detail) : SendResult.Permanent(detail);
        }
        catch (HttpRequestException e)
        {
            return SendResult.Transient($"SendGrid: {e.Message}");
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            return SendResult.Transient($"SendGrid timed out: {e.Message}");
        }
    }
}
