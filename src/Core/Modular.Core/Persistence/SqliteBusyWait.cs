using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Modular.Core.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (<c>PRAGMA busy_timeout</c>, backing off from 1 ms) instead of
/// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms between attempts: with a dozen concurrent writers every
/// transaction that found the lock taken lost at least 150 ms, and the host sat idle while they slept.
/// </summary>
internal sealed class SqliteBusyWait(int timeoutSeconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection, timeoutSeconds);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection, timeoutSeconds);
        return Task.CompletedTask;
    }

    /// <summary>Sets the wait on a connection opened outside EF (the outbox's own connections).</summary>
    public static void Apply(DbConnection connection, int timeoutSeconds)
    {
        if (connection is not SqliteConnection { Handle: { } handle })
        {
            return;
        }

        // Straight on the handle (what the pragma does, without preparing a statement on every open of a pooled
        // connection: a page opens a connection per module query).
        raw.sqlite3_busy_timeout(handle, Math.Max(1, timeoutSeconds) * 1000);
    }
}
