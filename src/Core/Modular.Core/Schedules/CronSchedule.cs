using Cronos;
using NodaTime;

namespace Modular.Core.Schedules;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week; Cronos syntax, e.g. <c>0 2 * * *</c>,
/// <c>*/15 * * * *</c>, <c>0 3 L * *</c>) evaluated in the utility's zone. Across daylight saving time (Cronos' rule):
/// an occurrence in the hour skipped in spring runs once, when the clocks jump (a 03:30 job runs at 04:00 new time);
/// an occurrence in the hour repeated in autumn runs once, the first time round, unless the expression fires every
/// hour or more often (<c>*</c> or a step in the hour field), which then keeps firing in real time through both hours.
/// </summary>
internal sealed class CronSchedule
{
    private static readonly Duration FirstWindow = Duration.FromHours(1);

    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        _expression = expression;
        _zone = zone;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure answers null and the reason.</summary>
    public static CronSchedule? TryParse(string? text, TimeZoneInfo zone, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a cron expression is required (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\")";
            return null;
        }

        try
        {
            return new CronSchedule(text.Trim(), CronExpression.Parse(text.Trim(), CronFormat.Standard), zone);
        }
        catch (CronFormatException ex)
        {
            error = $"'{text}' is not a cron expression of five fields (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\"): {ex.Message}";
            return null;
        }
    }

    /// <summary>The system's data for the utility's zone (Cronos works on <see cref="TimeZoneInfo"/>), or null when it has none.</summary>
    public static TimeZoneInfo? FindZone(DateTimeZone zone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(zone.Id, out var info) ? info : null;

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, or null when there is none (e.g. 30 February).</summary>
    public Instant? NextAfter(Instant instant) =>
        _expression.GetNextOccurrence(instant.ToDateTimeUtc(), _zone, inclusive: false) is { } next
            ? Instant.FromDateTimeUtc(next)
            : null;

    /// <summary>
    /// The latest occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], or null. Looks back from
    /// <paramref name="upTo"/> in widening windows, so a long downtime of a frequent job costs little.
    /// </summary>
    public Instant? LatestIn(Instant after, Instant upTo)
    {
        if (upTo <= after)
        {
            return null;
        }

        var window = FirstWindow;
        while (true)
        {
            var from = upTo - window <= after ? after : upTo - window;
            DateTime? latest = null;
            foreach (var occurrence in _expression.GetOccurrences(from.ToDateTimeUtc(), upTo.ToDateTimeUtc(), _zone,
                         fromInclusive: false, toInclusive: true))
            {
                latest = occurrence;
            }

            if (latest is { } found)
            {
                return Instant.FromDateTimeUtc(found);
            }

            if (from == after)
            {
                return null;
            }

            window *= 8;
        }
    }
}
