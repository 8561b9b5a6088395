using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Core.PersonalData;

/// <summary>Records the request (or answers the one already pending) and wakes this process's builder.</summary>
internal sealed class RequestPersonalDataExportHandler(CoreDbContext db, ICurrentUser caller, IClock clock, PersonalDataSignal signal)
    : IRequestHandler<RequestPersonalDataExport, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(RequestPersonalDataExport request, CancellationToken cancellationToken)
    {
        if (caller.UserId is not { } userId)
        {
            return Result<Guid>.Failure(CoreErrors.Forbidden);
        }

        if (await PendingAsync(userId, cancellationToken) is { } pending)
        {
            return pending;
        }

        var export = new PersonalDataExport { Id = Guid.NewGuid(), UserId = userId, Status = PersonalDataExportStatus.Pending, RequestedAt = clock.GetCurrentInstant() };
        db.Add(export);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A concurrent request of the same user won (one pending request per user): answer that one.
            db.Entry(export).State = EntityState.Detached;
            return await PendingAsync(userId, cancellationToken) is { } won ? won : Result<Guid>.Failure(CoreErrors.Conflict);
        }

        signal.Notify();
        return export.Id;
    }

    private async Task<Guid?> PendingAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<PersonalDataExport>().AsNoTracking()
            .Where(e => e.UserId == userId && e.Status == PersonalDataExportStatus.Pending)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
}

internal sealed class GetMyPersonalDataExportsHandler(CoreDbContext db, ICurrentUser caller, IClock clock)
    : IRequestHandler<GetMyPersonalDataExports, Result<IReadOnlyList<PersonalDataExportView>>>
{
    public async Task<Result<IReadOnlyList<PersonalDataExportView>>> Handle(GetMyPersonalDataExports request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var rows = await db.Set<PersonalDataExport>().AsNoTracking()
            .Where(e => e.UserId == caller.UserId && (e.Status == PersonalDataExportStatus.Pending || e.ExpiresAt > now))
            .Select(e => new PersonalDataExportView(e.Id, e.Status, e.RequestedAt, e.ReadyAt, e.ExpiresAt, e.Size))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(e => e.RequestedAt).ToList();
    }
}

/// <summary>Only the user who asked gets the archive; anyone else's id, a pending or an expired one is "not found".</summary>
internal sealed class DownloadPersonalDataExportHandler(CoreDbContext db, ICurrentUser caller, IClock clock)
    : IRequestHandler<DownloadPersonalDataExport, Result<PersonalDataArchive>>
{
    public async Task<Result<PersonalDataArchive>> Handle(DownloadPersonalDataExport request, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var archive = await db.Set<PersonalDataExport>().AsNoTracking()
            .Where(e => e.Id == request.ExportId && e.UserId == caller.UserId && e.Status == PersonalDataExportStatus.Ready && e.ExpiresAt > now)
            .Select(e => new { e.FileName, e.Content }).SingleOrDefaultAsync(cancellationToken);
        return archive is { FileName: not null, Content: not null }
            ? new PersonalDataArchive(archive.FileName, archive.Content)
            : Result<PersonalDataArchive>.Failure(CoreErrors.NotFound);
    }
}
