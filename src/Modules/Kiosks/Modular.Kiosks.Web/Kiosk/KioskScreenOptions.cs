using Microsoft.AspNetCore.Http;
namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// <c>Modular:Kiosk</c>, the kiosk screens' part: limits per transaction, the inactivity dialog and the session's lifetime.
/// The device's own settings (key, journal, simulators: <c>KioskDeviceOptions</c>) share the section.
/// </summary>
public sealed class KioskScreenOptions
{
    public const string Section = "Modular:Kiosk";

    /// <summary>The most cash one transaction takes (the acceptor refuses notes beyond it), in the utility's currency.</summary>
    public decimal MaxCash { get; set; } = 2_000m;

    /// <summary>The most one card payment may be.</summary>
    public decimal MaxCard { get; set; } = 5_000m;

    /// <summary>Seconds without a touch or a key before the "Do you need more time?" dialog.</summary>
    public int InactivitySeconds { get; set; } = 60;

    /// <summary>Seconds the dialog counts down before the session ends and the kiosk returns to the start.</summary>
    public int WarningSeconds { get; set; } = 30;

    /// <summary>
    /// The longest a customer's session lives on the server without a request (a kiosk left mid-session is cleared even if
    /// the browser's countdown never ran).
    /// </summary>
    public int SessionMinutes { get; set; } = 10;

    /// <summary>
    /// Look-ups by code that found nobody, per kiosk and per code typed, before each further one waits
    /// (<see cref="LookupBaseSeconds"/>, doubled per failure up to <see cref="LookupMaxSeconds"/>; failures older than an
    /// hour are forgotten). A code found forgets its own failures.
    /// </summary>
    public int LookupAttempts { get; set; } = 10;

    public int LookupBaseSeconds { get; set; } = 15;

    public int LookupMaxSeconds { get; set; } = 300;

    /// <summary>The notes the simulator's buttons insert (when <c>Modular:Kiosk:Simulators</c> is true), in the utility's currency.</summary>
    public static IReadOnlyList<decimal> SimulatorNotes { get; } = [10m, 50m, 100m, 200m];
}
