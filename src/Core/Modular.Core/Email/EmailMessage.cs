namespace Modular.Core.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

public sealed record EmailMessage(string To, string Subject, string HtmlBody, string? TextBody = null)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Extra headers (e.g. RFC 8058 <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c>); names must be ASCII.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Sends an email. Shipped: SMTP, and a pickup folder (one .eml file per message) for development.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
