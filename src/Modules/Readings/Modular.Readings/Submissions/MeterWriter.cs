using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.Submissions;

/// <summary>What a change to one meter decides on: the meter, its contract's end date (if Accounts announced one) and the
/// accepted readings its <see cref="MeterHistoryWindow"/> names (none without a window).</summary>
internal sealed record MeterState(Meter Meter, LocalDate? ContractEndsOn, List<Reading> Readings);

/// <summary>
/// Runs a change to one meter in a transaction that holds the meter for its whole length: <c>SELECT … FOR UPDATE</c> on
/// PostgreSQL; on SQLite the transaction takes the write lock when it begins. Writers of one meter therefore queue and
/// each decides on what the previous one committed – no lost race, no retry storm, every caller gets the rule's answer.
/// Only a bounded slice of the meter's readings is read, so the cost does not grow with its history.
/// </summary>
internal sealed class MeterWriter(ReadingsDbContext db)
{
    // Conflicts left are unique keys taken by a concurrent writer elsewhere (a new meter's serial) and transient faults.
    private const int Attempts = 5;

    public async Task<Result<T>> WriteAsync<T>(Guid meterId, MeterHistoryWindow? window, Func<MeterState, Task<Result<T>>> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var owned = db.Database.CurrentTransaction is null;
            var savepoints = db.Database.AutoSavepointsEnabled;
            try
            {
                await using var transaction = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

                // Our own transaction commits or rolls back whole; a savepoint around the save would only add round trips.
                db.Database.AutoSavepointsEnabled = !owned && savepoints;
                var state = await LoadAsync(meterId, window, cancellationToken);
                if (state is null)
                {
                    return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
                }

                var result = await change(state);
                if (result.IsFailure || !db.ChangeTracker.HasChanges())
                {
                    return result;
                }

                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return result;
            }
            catch (DbUpdateException ex) when (owned && attempt < Attempts && (DbErrors.IsUniqueViolation(ex) || DbErrors.IsTransient(ex)))
            {
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        }
    }

    private async Task<MeterState?> LoadAsync(Guid meterId, MeterHistoryWindow? window, CancellationToken cancellationToken)
    {
        var meters = db.IsSqlite
            ? db.Meters.Where(m => m.Id == meterId)
            : db.Meters.FromSql($"SELECT * FROM \"readings\".\"meters\" WHERE \"Id\" = {meterId} FOR UPDATE");
        var found = await meters
            .Select(m => new { Meter = m, Ends = db.ContractTerms.Where(t => t.ContractId == m.ContractId).Select(t => t.EndDate).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var readings = new List<Reading>();
        if (window is not null)
        {
            var from = window.From;
            readings = await db.Readings
                .Where(r => r.MeterId == meterId && r.Status == ReadingStatus.Accepted && r.ReadingDate >= from)
                .ToListAsync(cancellationToken);
            if (window.NeedsOlder(readings))
            {
                readings.AddRange(await db.Readings
                    .Where(r => r.MeterId == meterId && r.Status == ReadingStatus.Accepted && r.ReadingDate < from && r.Quality != ReadingQuality.Estimated)
                    .OrderByDescending(r => r.ReadingDate).ThenByDescending(r => r.SubmittedAt)
                    .Take(window.OlderCount)
                    .ToListAsync(cancellationToken));
            }
        }

        return new MeterState(found.Meter, found.Ends, readings);
    }
}
