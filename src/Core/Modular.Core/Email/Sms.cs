using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Modular.Core.Files;
using NodaTime;

namespace Modular.Core.Email;

public sealed record SmsMessage(string To, string Text);

/// <summary>Sends an SMS. Shipped: a pickup folder for development; utilities plug in their provider's adapter.</summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}

/// <summary><c>Modular:Sms</c>.</summary>
public sealed class SmsOptions
{
    [Required]
    public string PickupDirectory { get; set; } = "sms-pickup";
}

/// <summary>Writes each SMS as a JSON file (recipient, text, time): development and tests.</summary>
public sealed class PickupSmsSender(IOptions<SmsOptions> options, IClock clock, IHostEnvironment? environment = null) : ISmsSender
{
    public string Directory { get; } = Path.GetFullPath(options.Value.PickupDirectory, environment?.ContentRootPath ?? System.IO.Directory.GetCurrentDirectory());

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Directory, $"{Guid.NewGuid():N}.json");
        var content = JsonSerializer.Serialize(new { message.To, message.Text, SentAt = clock.GetCurrentInstant().ToString() });
        await AtomicFile.WriteAllTextAsync(path, content, cancellationToken);
    }
}
