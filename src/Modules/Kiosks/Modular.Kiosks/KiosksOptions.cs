using System.ComponentModel.DataAnnotations;

namespace Modular.Kiosks;

/// <summary><c>Modular:Kiosks</c>: the back office's view of the kiosks.</summary>
public sealed class KiosksOptions
{
    /// <summary>How many recent days a kiosk's page lists.</summary>
    [Range(1, 366)]
    public int DaysShown { get; set; } = 31;

    /// <summary>The currency of a day without transactions (the utility's).</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "RON";
}
