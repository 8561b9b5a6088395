using System.ComponentModel.DataAnnotations;
using NodaTime;

namespace Modular.Core.Time;

/// <summary><c>Modular:Time</c>: the utility's time zone; dates (windows, due dates, periods) are evaluated in it.</summary>
public sealed class TimeOptions : IValidatableObject
{
    [Required]
    public string TimeZone { get; set; } = "Europe/Bucharest";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? string.Empty) is null)
        {
            yield return new ValidationResult($"'{TimeZone}' is not an IANA time zone id (e.g. Europe/Bucharest, Europe/Riga).", [nameof(TimeZone)]);
        }
    }
}
