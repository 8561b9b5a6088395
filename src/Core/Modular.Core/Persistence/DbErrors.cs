using Microsoft.Data.Sqlite;
using Npgsql;

namespace Modular.Core.Persistence;

/// <summary>Recognizes provider errors that are part of normal concurrency, on SQLite and PostgreSQL alike.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(Exception exception) => Find(exception, e => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    });

    /// <summary>A conflict that a retry of the whole operation can resolve (serialization failure, deadlock, busy database).</summary>
    public static bool IsTransient(Exception exception) => Find(exception, e => e switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    });

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
