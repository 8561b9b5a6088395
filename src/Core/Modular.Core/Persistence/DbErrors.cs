using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Modular.Core.Persistence;

/// <summary>Recognizes provider errors that are part of normal concurrency, on SQLite and PostgreSQL alike.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(Exception exception) => Find(exception, e => e switch
    {
        // SQLITE_CONSTRAINT with SQLITE_CONSTRAINT_UNIQUE (2067) or SQLITE_CONSTRAINT_PRIMARYKEY (1555); PostgreSQL 23505.
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    });

    /// <summary>A conflict that a retry of the whole operation can resolve (serialization failure, deadlock, busy database).</summary>
    public static bool IsTransient(Exception exception) => Find(exception, e => e switch
    {
        // SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL 40001 and 40P01.
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    });

    /// <summary>Which kind of normal concurrency conflict an exception of a save is, if any (the one place that decides).</summary>
    public static DbConflict Classify(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => DbConflict.StaleVersion,
        _ when IsUniqueViolation(exception) => DbConflict.UniqueViolation,
        _ when IsTransient(exception) => DbConflict.Transient,
        _ => DbConflict.None,
    };

    private static bool Find(Exception? exception, Func<Exception, bool> predicate)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (predicate(e))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The kinds of conflict a save may meet when others write the same rows; flags, so a caller names the ones it expects.</summary>
[Flags]
public enum DbConflict
{
    None = 0,

    /// <summary>A unique key or primary key already taken (PostgreSQL 23505, SQLite 19/2067 or 19/1555).</summary>
    UniqueViolation = 1,

    /// <summary>A concurrency token (version) that no longer matches, or a row gone: the save changed fewer rows than it read.</summary>
    StaleVersion = 2,

    /// <summary>A serialization failure or deadlock (PostgreSQL 40001, 40P01) or a busy/locked SQLite database (5, 6).</summary>
    Transient = 4,

    /// <summary>A unique key or a version: what another writer of the same rows causes.</summary>
    Taken = UniqueViolation | StaleVersion,

    All = UniqueViolation | StaleVersion | Transient,
}
