using System.ComponentModel.DataAnnotations;

namespace Modular.Core.PersonalData;

/// <summary><c>Modular:PersonalData</c>: the "download my data" archives.</summary>
public sealed class PersonalDataOptions
{
    /// <summary>How long a built archive stays downloadable; the <c>PersonalDataExpiry</c> job deletes it after.</summary>
    [Range(1, 90)]
    public int ArchiveDays { get; set; } = 7;

    /// <summary>
    /// Build pending archives in this host. Off by default; the web shell turns it on, because the archive holds the
    /// sections of the host that builds it and the portal composes every one (the worker has no API tokens).
    /// </summary>
    public bool BuildArchives { get; set; }

    /// <summary>The longest a builder waits before looking for pending requests again (it is also woken by each request in the same process).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>How long a builder holds a request; one that died is taken over after this.</summary>
    [Range(30, 86400)]
    public int LeaseSeconds { get; set; } = 600;
}
