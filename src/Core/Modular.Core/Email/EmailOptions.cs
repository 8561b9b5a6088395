using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Modular.Core.Email;

public enum EmailDelivery
{
    /// <summary>Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/>.</summary>
    Pickup,

    /// <summary>Sends through the SMTP server in <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary><c>Modular:Email</c>.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    [Required]
    public string From { get; set; } = "portal@utility.example";

    public string? FromName { get; set; }

    [Required]
    public string PickupDirectory { get; set; } = "mail-pickup";

    public SmtpSettings Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult($"'{From}' is not an email address.", [nameof(From)]);
        }

        if (Delivery == EmailDelivery.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult("Smtp:Host is required when Delivery is Smtp.", [nameof(Smtp)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Smtp:Port must be between 1 and 65535.", [nameof(Smtp)]);
        }
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
