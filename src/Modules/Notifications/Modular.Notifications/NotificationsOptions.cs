using System.ComponentModel.DataAnnotations;
using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;
using NodaTime.Text;

namespace Modular.Notifications;

/// <summary>The utility's defaults for one notification type (<c>Modular:Notifications:Types:{code}</c>).</summary>
public sealed class NotificationTypeOptions
{
    /// <summary>Sent by email unless the user turned it off.</summary>
    public bool Email { get; set; } = true;

    /// <summary>Sent by SMS (to a verified number) unless the user turned it off.</summary>
    public bool Sms { get; set; }

    /// <summary>The utility always sends it on the channels above: the user cannot turn it off and the email has no unsubscribe.</summary>
    public bool Mandatory { get; set; }

    public bool DefaultFor(NotificationChannel channel) => channel == NotificationChannel.Email ? Email : Sms;
}

/// <summary>Which SMS gateway the module sends through.</summary>
public enum SmsGatewayKind
{
    /// <summary>The simulator: messages land in the module's <c>simulated_sms</c> table (development and tests).</summary>
    Simulator,

    /// <summary>The integrator's adapter, registered as <c>ISmsGateway</c> in the host.</summary>
    Custom,
}

/// <summary><c>Modular:Notifications</c>: type defaults, reminders, quiet hours, the SMS gateway and its webhook, unsubscribe links.</summary>
public sealed class NotificationsOptions : IValidatableObject
{
    /// <summary>Defaults per type code (<see cref="NotificationTypes"/>); a type not listed is sent by email only.</summary>
    public Dictionary<string, NotificationTypeOptions> Types { get; set; } = new(StringComparer.Ordinal)
    {
        [NotificationTypes.InvoiceIssued] = new() { Email = true },
        [NotificationTypes.DueSoon] = new() { Email = true },
        [NotificationTypes.Overdue] = new() { Email = true, Sms = true },
        [NotificationTypes.PaymentReceived] = new() { Email = true },
        [NotificationTypes.WindowOpens] = new() { Email = true },
        [NotificationTypes.WindowClosing] = new() { Email = true, Sms = true },
        [NotificationTypes.Outage] = new() { Email = true, Sms = true },
        [NotificationTypes.HighUsage] = new() { Email = true, Sms = true },
        [NotificationTypes.RequestStatus] = new() { Email = true },
    };

    /// <summary>Days before an unpaid invoice's due date when "due soon" goes out.</summary>
    [Range(1, 30)]
    public int DueSoonDays { get; set; } = 3;

    /// <summary>Days after the due date when "overdue" goes out (the grace period ends after <see cref="GraceDays"/>).</summary>
    [Range(0, 60)]
    public int OverdueAfterDays { get; set; } = 1;

    /// <summary>The grace period after the due date, named in the overdue message.</summary>
    [Range(0, 120)]
    public int GraceDays { get; set; } = 15;

    /// <summary>Days before the reading window closes when "closes soon, no reading yet" goes out.</summary>
    [Range(1, 15)]
    public int WindowClosingDays { get; set; } = 2;

    /// <summary>SMS quiet hours start (HH:mm, the utility's zone): SMS due inside wait until <see cref="QuietHoursEnd"/>.</summary>
    public string QuietHoursStart { get; set; } = "21:00";

    /// <summary>SMS quiet hours end (HH:mm).</summary>
    public string QuietHoursEnd { get; set; } = "08:00";

    /// <summary>The most messages one dispatcher pass sends.</summary>
    [Range(1, 10_000)]
    public int DispatchBatch { get; set; } = 200;

    /// <summary>Seconds a dispatcher holds a message it claimed before another may take it over.</summary>
    [Range(10, 3600)]
    public int DispatchLeaseSeconds { get; set; } = 120;

    /// <summary>Consecutive hard failures (failed, bounced) on one channel after which that channel is paused for the user.</summary>
    [Range(1, 100)]
    public int HardFailuresToPause { get; set; } = 3;

    /// <summary>The region a phone number without country code is read in (ISO 3166-1 alpha-2).</summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$")]
    public string PhoneRegion { get; set; } = "RO";

    public SmsGatewayKind SmsGateway { get; set; } = SmsGatewayKind.Simulator;

    /// <summary>The shared secret the SMS provider signs delivery reports with (HMAC-SHA256); empty: the webhook refuses every report.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a report's timestamp may be from now, in seconds.</summary>
    [Range(10, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Days an unsubscribe link works.</summary>
    [Range(1, 365)]
    public int UnsubscribeDays { get; set; } = 60;

    /// <summary>Minutes a phone verification code works.</summary>
    [Range(1, 60)]
    public int PhoneCodeMinutes { get; set; } = 10;

    /// <summary>Wrong codes accepted before a new code is needed.</summary>
    [Range(1, 20)]
    public int PhoneCodeAttempts { get; set; } = 5;

    // Leak and high-usage warnings (see docs/modules/notifications.md, "Leak warnings").

    /// <summary>Warn when use per day is above this factor times the customer's usual use for the season...</summary>
    [Range(1.1, 20.0)]
    public double LeakFactor { get; set; } = 2.0;

    /// <summary>...and at least this many litres a day above it.</summary>
    [Range(0, 100_000)]
    public double LeakMinimumExcessLitresPerDay { get; set; } = 150;

    /// <summary>"Unusually steady": this many readings in a row each raised by about the same flow (a constant leak).</summary>
    [Range(2, 12)]
    public int LeakSteadyReadings { get; set; } = 3;

    /// <summary>Each of those readings at least this factor over its usual use...</summary>
    [Range(1.05, 20.0)]
    public double LeakSteadyFactor { get; set; } = 1.4;

    /// <summary>...and at least this many litres a day over it.</summary>
    [Range(0, 100_000)]
    public double LeakSteadyMinimumExcessLitresPerDay { get; set; } = 60;

    /// <summary>How far (fraction of their mean) the steady readings' extra flows may differ.</summary>
    [Range(0.01, 1.0)]
    public double LeakSteadyTolerance { get; set; } = 0.25;

    /// <summary>An episode ends at the first reading at most this factor over the usual use.</summary>
    [Range(1.0, 20.0)]
    public double LeakNormalFactor { get; set; } = 1.3;

    /// <summary>Intervals between readings shorter than this many days are not judged (too noisy).</summary>
    [Range(1, 90)]
    public int LeakMinimumDays { get; set; } = 7;

    /// <summary>The season: earlier intervals whose middle is within this many days of the same day of the year.</summary>
    [Range(7, 120)]
    public int LeakSeasonDays { get; set; } = 45;

    /// <summary>Earlier intervals needed for a usual use (same season, else the last twelve months).</summary>
    [Range(1, 24)]
    public int LeakMinimumHistory { get; set; } = 2;

    // Two-way SMS (see docs/modules/notifications.md, "Two-way SMS").

    /// <summary>The keyword of a reading sent by SMS: <c>{keyword} &lt;meter&gt; &lt;index&gt;</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z]{1,10}$")]
    public string SmsReadingKeyword { get; set; } = "RU";

    public NotificationTypeOptions For(string type) => Types.TryGetValue(type, out var options) ? options : new NotificationTypeOptions();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(QuietHoursStart), QuietHoursStart), (nameof(QuietHoursEnd), QuietHoursEnd) })
        {
            if (!LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(value ?? string.Empty).Success)
            {
                yield return new ValidationResult($"{name} must be HH:mm, not '{value}'.", [name]);
            }
        }

        foreach (var type in Types.Keys.Where(t => !TypeCatalogue.All.Contains(t)))
        {
            yield return new ValidationResult($"Types: unknown notification type '{type}' (known: {string.Join(", ", TypeCatalogue.All)}).", [nameof(Types)]);
        }
    }
}
