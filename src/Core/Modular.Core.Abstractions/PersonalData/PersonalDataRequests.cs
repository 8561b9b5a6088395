using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Core.PersonalData;

public enum PersonalDataExportStatus
{
    /// <summary>Asked for; the archive is being built in the background.</summary>
    Pending = 1,

    /// <summary>Built and downloadable until it expires.</summary>
    Ready = 2,
}

/// <summary>One of the caller's "download my data" archives.</summary>
public sealed record PersonalDataExportView(Guid ExportId, PersonalDataExportStatus Status, Instant RequestedAt, Instant? ReadyAt, Instant? ExpiresAt, long? Size);

/// <summary>A built archive: a ZIP of JSON and CSV files with a manifest.</summary>
public sealed record PersonalDataArchive(string FileName, byte[] Content);

/// <summary>
/// Asks for an archive of everything held about the calling portal user and their linked customers. Built in the
/// background; asking again while one is pending answers that one (one archive per request, never two).
/// </summary>
[AllowedCallers(Callers.Customer)]
public sealed record RequestPersonalDataExport : ICommand<Guid>;

/// <summary>The caller's archives, pending and ready (expired ones are gone).</summary>
[AllowedCallers(Callers.Customer)]
public sealed record GetMyPersonalDataExports : IQuery<IReadOnlyList<PersonalDataExportView>>;

/// <summary>Downloads one of the caller's ready archives; another user's, a pending or an expired one is <c>core.not_found</c>.</summary>
[AllowedCallers(Callers.Customer)]
public sealed record DownloadPersonalDataExport(Guid ExportId) : IQuery<PersonalDataArchive>;
