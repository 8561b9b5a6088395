using System.ComponentModel.DataAnnotations;

namespace Modular.Readings;

/// <summary><c>Modular:Readings</c>: the self-reading window and the plausibility rules.</summary>
public sealed class ReadingsOptions : IValidatableObject
{
    /// <summary>First day of the window (local date in the utility's zone); clamped to the month's last day.</summary>
    [Range(1, 31)]
    public int WindowStartDay { get; set; } = 25;

    /// <summary>
    /// Last day of the window, inclusive. Null: the last day of the month. A value lower than
    /// <see cref="WindowStartDay"/> makes the window cross into the next month (e.g. 25 to 5).
    /// </summary>
    [Range(1, 31)]
    public int? WindowEndDay { get; set; }

    /// <summary>Months of accepted readings the average daily use is computed from.</summary>
    [Range(1, 120)]
    public int HistoryMonths { get; set; } = 12;

    /// <summary>Warn when consumption exceeds this many times the expected consumption ...</summary>
    [Range(typeof(decimal), "1", "1000")]
    public decimal PlausibilityFactor { get; set; } = 3m;

    /// <summary>... and also exceeds this floor (m³), so that small meters do not warn on every shower.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal PlausibilityFloor { get; set; } = 5m;

    /// <summary>Warn when consumption is zero for this many consecutive periods (this one included).</summary>
    [Range(2, 60)]
    public int ZeroConsumptionPeriods { get; set; } = 3;

    public bool CrossesMonth => WindowEndDay is { } end && end < WindowStartDay;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A window crossing into the next month must end before the next one opens, in every month.
        if (CrossesMonth && WindowStartDay > 28)
        {
            yield return new ValidationResult(
                $"A window crossing into the next month (end day {WindowEndDay} < start day {WindowStartDay}) must start on day 28 or earlier.",
                [nameof(WindowStartDay)]);
        }
    }
}
