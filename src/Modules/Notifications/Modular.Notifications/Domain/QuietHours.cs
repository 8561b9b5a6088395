using NodaTime;
using NodaTime.TimeZones;

namespace Modular.Notifications.Domain;

/// <summary>
/// SMS quiet hours in the utility's zone: a message due inside them waits until they end (it is never dropped). The end
/// is computed in local time and mapped to an instant with the zone's rules, so a DST change inside the night moves the
/// instant, not the local hour; an end that falls in a spring-forward gap is taken at the first instant after the gap.
/// </summary>
internal sealed record QuietHours(LocalTime Start, LocalTime End)
{
    public bool Spans => Start != End;

    /// <summary>When a message queued at <paramref name="now"/> may go out: now, or the end of the quiet hours it falls in.</summary>
    public Instant NotBefore(Instant now, DateTimeZone zone)
    {
        if (!Spans)
        {
            return now;
        }

        var local = now.InZone(zone).LocalDateTime;
        var time = local.TimeOfDay;
        LocalDate? endDate = null;
        if (Start < End)
        {
            // Quiet within the same day (e.g. 13:00–15:00).
            if (time >= Start && time < End)
            {
                endDate = local.Date;
            }
        }
        else if (time >= Start)
        {
            endDate = local.Date.PlusDays(1); // evening part: ends tomorrow morning
        }
        else if (time < End)
        {
            endDate = local.Date; // early-morning part: ends this morning
        }

        return endDate is { } date ? zone.ResolveLocal(date + End, Resolvers.LenientResolver).ToInstant() : now;
    }
}
