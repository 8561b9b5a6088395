using Microsoft.EntityFrameworkCore;
using Modular.Core.Platform;
using NodaTime;

namespace Modular.Core.Limits;

/// <summary>
/// <see cref="IAttemptLimiter"/> on Core's store. Each change is one compare-and-swap update on the key's row (its version),
/// retried when another instance changed the row in between, so concurrent attempts are counted one by one and the back-off
/// is decided on the count every attempt sees. The statements run outside any command transaction and commit on their own.
/// </summary>
internal sealed class AttemptLimiter(CoreDbContext db, IClock clock) : IAttemptLimiter
{
    public async Task<AttemptReservation> BeginAsync(IReadOnlyList<AttemptKey> keys, CancellationToken cancellationToken = default)
    {
        EnsureOutsideTransaction();
        var taken = new List<AttemptKey>();
        foreach (var key in keys)
        {
            if (key.Key.Length > AttemptKey.MaxLength)
            {
                throw new ArgumentException($"An attempt key is at most {AttemptKey.MaxLength} characters.", nameof(keys));
            }

            var wait = await TakeAsync(key, cancellationToken);
            if (wait > Duration.Zero)
            {
                // Refused: the attempts already taken under the other keys do not count either.
                await GiveBackAsync(taken, cancellationToken);
                return new AttemptReservation(keys, key, wait);
            }

            taken.Add(key);
        }

        return new AttemptReservation(keys, null, Duration.Zero);
    }

    public async Task SucceededAsync(AttemptReservation reservation, CancellationToken cancellationToken = default)
    {
        if (reservation.IsRefused)
        {
            return;
        }

        EnsureOutsideTransaction();
        await GiveBackAsync(reservation.Keys, cancellationToken);
    }

    /// <summary>Counts an attempt under the key; answers how long it must wait instead (zero when it was counted).</summary>
    private async Task<Duration> TakeAsync(AttemptKey key, CancellationToken cancellationToken)
    {
        var counters = db.Set<AttemptCounter>();
        for (var round = 0; ; round++)
        {
            var row = await counters.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key.Key, cancellationToken);
            if (row is null)
            {
                await InsertAsync(key.Key, cancellationToken);
                continue;
            }

            var now = clock.GetCurrentInstant();
            var failures = row.LastFailureAt is { } last && now - last < key.Rule.Window ? row.Failures : 0;
            var until = row.LastFailureAt is { } previous ? previous + key.Rule.DelayAfter(failures) : now;
            if (failures >= key.Rule.Threshold && until > now)
            {
                return until - now;
            }

            var version = row.Version;
            Instant? at = now;
            var counted = await counters.Where(c => c.Key == key.Key && c.Version == version).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Failures, failures + 1)
                .SetProperty(c => c.LastFailureAt, at)
                .SetProperty(c => c.Version, version + 1), cancellationToken);
            if (counted == 1)
            {
                return Duration.Zero;
            }

            if (round > 1000)
            {
                throw new InvalidOperationException($"The attempt counter '{key.Key}' kept changing under concurrent updates.");
            }
        }
    }

    /// <summary>Takes the attempts back: forgotten where the key resets on success, else one failure less.</summary>
    private async Task GiveBackAsync(IEnumerable<AttemptKey> keys, CancellationToken cancellationToken)
    {
        var counters = db.Set<AttemptCounter>();
        foreach (var key in keys)
        {
            if (key.ResetOnSuccess)
            {
                await counters.Where(c => c.Key == key.Key).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Failures, 0)
                    .SetProperty(c => c.LastFailureAt, (Instant?)null)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            }
            else
            {
                await counters.Where(c => c.Key == key.Key && c.Failures > 0).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Failures, c => c.Failures - 1)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            }
        }
    }

    private async Task InsertAsync(string key, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(AttemptCounter))!;
        var schema = entity.GetSchema();
        var table = (schema is null ? string.Empty : $"\"{schema}\".") + $"\"{entity.GetTableName()}\"";

        // Only the table name (from the model) is composed; the key travels as a parameter. Both providers know ON CONFLICT.
        var sql = "INSERT INTO " + table + " (\"Key\", \"Failures\", \"Version\") VALUES ({0}, 0, 0) ON CONFLICT (\"Key\") DO NOTHING";
        await db.Database.ExecuteSqlRawAsync(sql, [key], cancellationToken);
    }

    private void EnsureOutsideTransaction()
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException(
                "Attempts are counted before a command's first write: inside its transaction a failed command would take the count back.");
        }
    }
}
