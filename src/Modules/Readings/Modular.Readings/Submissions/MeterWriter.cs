using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Submissions;

/// <summary>
/// Runs a change to one meter and saves it at once. Every change bumps the meter's <see cref="Meter.Version"/>
/// (a concurrency token), so of two simultaneous writers one fails to save; it reloads and decides again against
/// the state the other committed. Two submissions can therefore never together break a rule.
/// </summary>
internal sealed class MeterWriter(ReadingsDbContext db)
{
    private const int Attempts = 10;

    public async Task<Result<T>> WriteAsync<T>(Guid meterId, Func<Meter, List<Reading>, Task<Result<T>>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var meter = await db.Meters.SingleOrDefaultAsync(m => m.Id == meterId, cancellationToken);
            if (meter is null)
            {
                return Error.Of(ReadingErrors.MeterNotFound, "MeterId");
            }

            var readings = await db.Readings.Where(r => r.MeterId == meterId).ToListAsync(cancellationToken);
            var result = await change(meter, readings);
            if (result.IsFailure || !db.ChangeTracker.HasChanges())
            {
                return result;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException ex) when (db.Database.CurrentTransaction is null && attempt < Attempts && IsConflict(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private static bool IsConflict(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex) || DbErrors.IsTransient(ex);
}
