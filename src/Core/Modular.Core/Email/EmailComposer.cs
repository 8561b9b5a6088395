using Modular.Core.Templates;

namespace Modular.Core.Email;

/// <summary>
/// Renders a module's email from its templates (<c>{name}.subject</c>, <c>{name}.html</c>, optional <c>{name}.txt</c>)
/// in the recipient's culture and sends it.
/// </summary>
public sealed class EmailComposer(ITemplateRenderer templates, IEmailSender sender)
{
    public async Task<EmailMessage> ComposeAsync(string module, string name, string to, object model, string? culture,
        CancellationToken cancellationToken = default)
    {
        var subject = (await templates.RenderAsync(module, name + ".subject", model, culture, cancellationToken)).Trim();
        var html = await templates.RenderAsync(module, name + ".html", model, culture, cancellationToken);
        var text = templates.Exists(module, name + ".txt", culture)
            ? await templates.RenderAsync(module, name + ".txt", model, culture, cancellationToken)
            : null;
        return new EmailMessage(to, subject, html, text);
    }

    public async Task SendAsync(string module, string name, string to, object model, string? culture,
        IReadOnlyList<EmailAttachment>? attachments = null, CancellationToken cancellationToken = default)
    {
        var message = await ComposeAsync(module, name, to, model, culture, cancellationToken);
        await sender.SendAsync(message with { Attachments = attachments ?? [] }, cancellationToken);
    }

    /// <summary>Sends a composed message (with its attachments and headers) as it is.</summary>
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) => sender.SendAsync(message, cancellationToken);
}
