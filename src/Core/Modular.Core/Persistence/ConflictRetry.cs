using Microsoft.EntityFrameworkCore;
using Modular.Core.Results;

namespace Modular.Core.Persistence;

/// <summary>
/// The one way a handler saves when another writer may get there first: the save's exception is classified in one place
/// (<see cref="DbErrors.Classify"/>); a conflict of the kinds the caller expects clears the context's tracked changes and
/// is either explained by the handler's re-read (the twin request's answer), retried from a fresh read a bounded number
/// of times, or answered with the caller's error; any other exception is a fault and propagates. A conflict on a
/// command's first write rolls its fresh transaction back (see <see cref="Messaging.UnitOfWork"/>); a later one is rolled
/// back to the save's savepoint, so the command's earlier writes stand. A transient conflict (serialization failure,
/// busy database) is only retried when no transaction is left open, because the whole transaction must start again.
/// </summary>
public static class ConflictRetry
{
    /// <summary>The attempts of <see cref="RetryOnConflictAsync{T}"/> unless the caller says otherwise.</summary>
    public const int DefaultAttempts = 6;

    /// <summary>Saves once; a conflict of the expected kinds is the caller's error, not an exception.</summary>
    public static Task<Result> SaveOrConflictAsync(this ModuleDbContext db, Error conflict, DbConflict expected,
        CancellationToken cancellationToken) =>
        SaveOrConflictAsync(db, _ => conflict, expected, cancellationToken);

    /// <summary>Saves once; a conflict of the expected kinds is the error the caller gives that kind of conflict.</summary>
    public static async Task<Result> SaveOrConflictAsync(this ModuleDbContext db, Func<DbConflict, Error> conflict, DbConflict expected,
        CancellationToken cancellationToken)
    {
        var kind = await TrySaveAsync(db, expected, cancellationToken);
        return kind == DbConflict.None ? Result.Success() : Result.Failure(conflict(kind));
    }

    /// <summary>Saves once and answers <paramref name="value"/>; a conflict of the expected kinds is the caller's error.</summary>
    public static Task<Result<T>> SaveOrConflictAsync<T>(this ModuleDbContext db, T value, Error conflict, DbConflict expected,
        CancellationToken cancellationToken) =>
        SaveOrConflictAsync(db, value, _ => Task.FromResult<Result<T>?>(null), conflict, expected, cancellationToken);

    /// <summary>
    /// Saves once and answers <paramref name="value"/>; on a conflict of the expected kinds, <paramref name="explain"/>
    /// re-reads (e.g. the same request stored by a twin) and its answer, when not null, is the result; else the caller's error.
    /// </summary>
    public static async Task<Result<T>> SaveOrConflictAsync<T>(this ModuleDbContext db, T value, Func<CancellationToken, Task<Result<T>?>> explain,
        Error conflict, DbConflict expected, CancellationToken cancellationToken)
    {
        return await SaveUnlessConflictAsync(db, explain, conflict, expected, cancellationToken) ?? value;
    }

    /// <summary>
    /// Saves once for a handler that goes on after the save: null when saved; on a conflict of the expected kinds, the
    /// answer to return instead: what <paramref name="explain"/> re-reads, when not null, else the caller's error.
    /// </summary>
    public static async Task<Result<T>?> SaveUnlessConflictAsync<T>(this ModuleDbContext db, Func<CancellationToken, Task<Result<T>?>> explain,
        Error conflict, DbConflict expected, CancellationToken cancellationToken)
    {
        var kind = await TrySaveAsync(db, expected, cancellationToken);
        if (kind == DbConflict.None)
        {
            return null;
        }

        return await explain(cancellationToken) ?? Result<T>.Failure(conflict);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (read, decide, change) and saves its changes when it succeeds; on a conflict of the
    /// expected kinds it runs again from a fresh read, at most <paramref name="attempts"/> times in all, and then answers
    /// the caller's error. A failed attempt is answered as it is, with its changes left to the caller.
    /// </summary>
    public static async Task<Result<T>> RetryOnConflictAsync<T>(this ModuleDbContext db, Func<int, CancellationToken, Task<Result<T>>> attempt,
        Error conflict, DbConflict expected, CancellationToken cancellationToken, int attempts = DefaultAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var number = 0; number < attempts; number++)
        {
            var result = await attempt(number, cancellationToken);
            if (result.IsFailure || await TrySaveAsync(db, expected, cancellationToken) == DbConflict.None)
            {
                return result;
            }
        }

        return Result<T>.Failure(conflict);
    }

    /// <summary>Saves; answers the conflict met (tracked changes cleared), or <see cref="DbConflict.None"/> when saved.</summary>
    private static async Task<DbConflict> TrySaveAsync(ModuleDbContext db, DbConflict expected, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return DbConflict.None;
        }
        catch (Exception ex) when (Expected(db, ex, expected) is var kind && kind != DbConflict.None)
        {
            db.ChangeTracker.Clear();
            return kind;
        }
    }

    private static DbConflict Expected(ModuleDbContext db, Exception exception, DbConflict expected)
    {
        var kind = DbErrors.Classify(exception);
        if ((kind & expected) == DbConflict.None)
        {
            return DbConflict.None;
        }

        // A serialization failure dooms the transaction it happened in: only its owner can start again.
        return kind == DbConflict.Transient && db.Database.CurrentTransaction is not null ? DbConflict.None : kind;
    }
}
