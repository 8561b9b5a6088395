using System.ComponentModel.DataAnnotations;

namespace Modular.Kiosks.Device;

/// <summary><c>Modular:Kiosk</c>: the kiosk's identity, its journal and its devices.</summary>
public sealed class KioskDeviceOptions
{
    /// <summary>The device key issued in the back office (Kiosks → register or new key). Keep it out of source control.</summary>
    public string? DeviceKey { get; set; }

    /// <summary>The journal's SQLite file, relative to the data folder.</summary>
    [Required]
    public string JournalPath { get; set; } = "kiosk/journal.db";

    /// <summary>Use the shipped simulators for the card terminal and the cash acceptor (and show their buttons on screen).</summary>
    public bool Simulators { get; set; }

    /// <summary>Card amounts the simulated terminal declines (to try the declined path).</summary>
    public List<decimal> DeclineAmounts { get; set; } = [];

    /// <summary>Notes the simulated acceptor takes (the utility's currency).</summary>
    public List<decimal> Denominations { get; set; } = [1m, 5m, 10m, 50m, 100m, 200m, 500m];

    /// <summary>Seconds between the poster's passes while all is well; it backs off up to <see cref="MaxRetrySeconds"/> while the central database is unreachable.</summary>
    [Range(1, 3600)]
    public int PostIntervalSeconds { get; set; } = 10;

    [Range(1, 3600)]
    public int MaxRetrySeconds { get; set; } = 300;

    /// <summary>Whether the host recovers and posts the journal in the background (tests drive the poster themselves).</summary>
    public bool PostInBackground { get; set; } = true;
}
