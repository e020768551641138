using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Workflow.Functions.Email;

/// <summary>Sends through an SMTP server (an on-premises mail server, or maildev locally) with MailKit.</summary>
public sealed class SmtpTransport(IOptions<SmtpOptions> smtp, IOptions<EmailOptions> email) : IEmailTransport
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var o = smtp.Value;
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(new MailboxAddress(email.Value.FromName, email.Value.From));
        foreach (var to in message.To) mime.To.Add(new MailboxAddress(to.Name, to.Email));
        // The same outbox row always gives the same Message-Id: a repeated send is one message to the receiver.
        mime.MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.OutboxId)))[..32]}@sinergi";
        mime.Headers.Add(EmailHeaders.OutboxId, message.OutboxId);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Host, o.Port, o.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(true, ct);
            return SendResult.Sent;
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return SendResult.Permanent($"SMTP {(int)e.StatusCode}: {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or AuthenticationException)
        {
            return SendResult.Transient($"SMTP: {e.Message}");
        }
    }
}
