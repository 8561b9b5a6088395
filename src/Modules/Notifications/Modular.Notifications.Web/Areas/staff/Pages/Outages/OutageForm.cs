using System.Globalization;
using Modular.Notifications.Contracts;
using NodaTime;
using NodaTime.Text;

namespace Modular.Notifications.Web.Staff;

/// <summary>
/// What the outage forms read: local times (<c>yyyy-MM-ddTHH:mm</c>, the utility's zone) and the area's streets, one per
/// line: <c>locality; street; from-to; odd|even</c> (everything after the locality optional).
/// </summary>
public static class OutageForm
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static string Format(Instant instant, DateTimeZone zone) => Local.Format(instant.InZone(zone).LocalDateTime);

    public static Instant? ParseTime(string? text, DateTimeZone zone)
    {
        var parsed = Local.Parse((text ?? string.Empty).Trim());
        return parsed.Success ? parsed.Value.InZoneLeniently(zone).ToInstant() : null;
    }

    /// <summary>The streets, or the number (1-based) of the first line that cannot be read.</summary>
    public static (IReadOnlyList<OutageStreet> Streets, int? BadLine) ParseStreets(string? text)
    {
        var streets = new List<OutageStreet>();
        var lines = (text ?? string.Empty).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(';').Select(p => p.Trim()).ToArray();
            if (parts.Length > 4 || parts[0].Length == 0)
            {
                return (streets, i + 1);
            }

            var street = parts.ElementAtOrDefault(1) is { Length: > 0 } s ? s : null;
            int? from = null, to = null;
            if (parts.ElementAtOrDefault(2) is { Length: > 0 } range)
            {
                var ends = range.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length > 2 || !Number(ends[0], out from) || !Number(ends.ElementAtOrDefault(1) ?? ends[0], out to))
                {
                    return (streets, i + 1);
                }
            }

            var numbers = HouseNumbers.All;
            if (parts.ElementAtOrDefault(3) is { Length: > 0 } parity)
            {
                numbers = parity.ToLowerInvariant() switch
                {
                    "odd" or "impar" or "impare" or "nepāra" or "nepara" => HouseNumbers.Odd,
                    "even" or "par" or "pare" or "pāra" or "para" => HouseNumbers.Even,
                    "all" or "toate" or "visi" => HouseNumbers.All,
                    _ => (HouseNumbers)(-1),
                };
                if (!Enum.IsDefined(numbers))
                {
                    return (streets, i + 1);
                }
            }

            streets.Add(new OutageStreet(parts[0], street, from, to, numbers));
        }

        return (streets, null);
    }

    public static string FormatStreets(IEnumerable<OutageStreet> streets) => string.Join('\n', streets.Select(s =>
    {
        var range = s.From is null && s.To is null ? string.Empty : $"{s.From?.ToString(CultureInfo.InvariantCulture)}-{s.To?.ToString(CultureInfo.InvariantCulture)}";
        var parity = s.Numbers == HouseNumbers.All ? string.Empty : s.Numbers.ToString().ToLowerInvariant();
        return string.Join("; ", new[] { s.Locality, s.Street ?? string.Empty, range, parity }).TrimEnd(' ', ';');
    }));

    private static bool Number(string text, out int? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            value = n;
            return true;
        }

        return false;
    }
}

/// <summary>A labelled text area with its errors tied to it, as the <c>field</c> tag helper does for inputs.</summary>
public sealed record OutageTextArea(string Name, string Label, string? Hint, string? Value, int Rows = 4, bool Required = false);
