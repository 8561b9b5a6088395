using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Modular.Core.Files;

namespace Modular.Core.Email;

internal static class EmailSenderFactory
{
    public static IEmailSender Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;
        return options.Delivery switch
        {
            EmailDelivery.Smtp => new SmtpEmailSender(options),
            _ => new PickupDirectoryEmailSender(options, services.GetService<IHostEnvironment>()),
        };
    }

    public static MailMessage ToMailMessage(EmailOptions options, EmailMessage message)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(options.From, options.FromName),
            Subject = message.Subject,
            SubjectEncoding = System.Text.Encoding.UTF8,
            BodyEncoding = System.Text.Encoding.UTF8,
            HeadersEncoding = System.Text.Encoding.UTF8,
        };
        mail.To.Add(message.To);
        if (message.TextBody is not null)
        {
            mail.Body = message.TextBody;
            mail.IsBodyHtml = false;
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        }
        else
        {
            mail.Body = message.HtmlBody;
            mail.IsBodyHtml = true;
        }

        foreach (var (name, value) in message.Headers)
        {
            mail.Headers.Add(name, value);
        }

        foreach (var attachment in message.Attachments)
        {
            mail.Attachments.Add(new Attachment(new MemoryStream(attachment.Content), attachment.FileName, attachment.ContentType));
        }

        return mail;
    }
}

/// <summary>Sends through an SMTP server (System.Net.Mail); a new client per message, as SmtpClient is not thread-safe.</summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        using var mail = EmailSenderFactory.ToMailMessage(options, message);
        using var client = new SmtpClient(options.Smtp.Host, options.Smtp.Port)
        {
            EnableSsl = options.Smtp.EnableSsl,
            Timeout = options.Smtp.TimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (options.Smtp.UserName is not null)
        {
            client.Credentials = new NetworkCredential(options.Smtp.UserName, options.Smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
    }
}

/// <summary>Writes each message as an .eml file, for development and tests; the folder's full path is logged by the hosts.</summary>
public sealed class PickupDirectoryEmailSender : IEmailSender
{
    private readonly EmailOptions _options;

    public PickupDirectoryEmailSender(EmailOptions options, IHostEnvironment? environment)
    {
        _options = options;
        Directory = Path.GetFullPath(options.PickupDirectory, environment?.ContentRootPath ?? System.IO.Directory.GetCurrentDirectory());
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        using var mail = EmailSenderFactory.ToMailMessage(_options, message);
        // The mail client writes the file in pieces: it is written aside and moved in whole, so whoever watches the
        // folder never reads half a message (a link cut in the middle).
        await AtomicFile.StageIntoAsync(Directory, async staging =>
        {
            using var client = new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = staging,
            };
            await client.SendMailAsync(mail, cancellationToken);
        });
    }
}
