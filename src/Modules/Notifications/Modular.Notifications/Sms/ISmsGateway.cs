using Modular.Notifications.Domain;
using Modular.Notifications.Persistence;
using NodaTime;

namespace Modular.Notifications.Sms;

/// <summary>One SMS to send: the number in E.164 and the text (already in the user's language).</summary>
public sealed record SmsRequest(string To, string Text);

/// <summary>
/// The port SMS leave through. An integrator implements it for their provider and registers it in the host
/// (<c>builder.Services.AddScoped&lt;ISmsGateway, MyGateway&gt;()</c> with <c>Modular:Notifications:SmsGateway = Custom</c>);
/// the provider's delivery reports come back through the signed webhook (<c>POST /notifications/sms/status</c>) naming the
/// id answered here. Throw when the provider refuses the message now (it is retried, then counted as a hard failure).
/// </summary>
public interface ISmsGateway
{
    /// <summary>Hands the message to the provider; answers the provider's id of it.</summary>
    Task<string> SendAsync(SmsRequest message, CancellationToken cancellationToken);
}

/// <summary>The shipped gateway for development and tests: each SMS becomes a row of <c>notifications.simulated_sms</c>; its id is the provider id.</summary>
internal sealed class SimulatedSmsGateway(NotificationsDbContext db, IClock clock) : ISmsGateway
{
    public async Task<string> SendAsync(SmsRequest message, CancellationToken cancellationToken)
    {
        var row = new SimulatedSms { Id = Guid.CreateVersion7(), To = message.To, Text = message.Text, SentAt = clock.GetCurrentInstant() };
        db.SimulatedSms.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        return "sim-" + row.Id.ToString("N");
    }
}
