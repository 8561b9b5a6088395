using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Persistence;
using Modular.Core.Platform;
using Npgsql;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>
/// Names and parameters for the outbox's own SQL. Every module store lives in the host's one database (a schema each on
/// PostgreSQL, a table prefix each on SQLite), so the dispatcher reaches any store's outbox, and Core's deliveries and
/// registry, over one connection – also stores of modules this host does not compose.
/// </summary>
internal static class OutboxSql
{
    /// <summary>
    /// PostgreSQL advisory lock (per database) that orders dispatch against the registration of new consumers: dispatch
    /// and the retention sweep take it shared, a registration that backfills takes it exclusively, so a message is either
    /// dispatched before the new consumer is registered (and backfilled) or after (and dispatched to it), never missed.
    /// On SQLite every write transaction holds the database's write lock, which orders them the same way.
    /// </summary>
    public const long RegistryLock = 0x4D6F64756C617201;

    public static string Outbox(string schema, bool sqlite) => Name(schema, "outbox_messages", sqlite);

    public static string Archive(string schema, bool sqlite) => Name(schema, "outbox_archive", sqlite);

    public static string Deliveries(bool sqlite) => Name(CoreDbContext.SchemaName, "outbox_deliveries", sqlite);

    public static string Subscriptions(bool sqlite) => Name(CoreDbContext.SchemaName, "outbox_subscriptions", sqlite);

    public static string Stores(bool sqlite) => Name(CoreDbContext.SchemaName, "outbox_stores", sqlite);

    /// <summary>The quoted table an entity of a context is mapped to.</summary>
    public static string Quote(DbContext db, Type entity)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not mapped.");
        return type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";
    }

    /// <summary>EF stores a Guid on SQLite as upper-case text; raw SQL must compare with the same text.</summary>
    public static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>EF's SQLite text form of a UTC instant (sortable as text).</summary>
    public static string SqliteInstant(Instant instant) =>
        instant.ToDateTimeUtc().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string SqliteJson(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Select(SqliteGuid));

    public static Instant ReadInstant(DbDataReader reader, int ordinal) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    /// <summary>Adds a parameter, converted as EF stores the value on the connection's provider.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var sqlite = command is SqliteCommand;
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            Instant i when sqlite => SqliteInstant(i),
            Instant i => i.ToDateTimeUtc(),
            Guid g when sqlite => SqliteGuid(g),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null, int timeoutSeconds = 30)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = timeoutSeconds;
        return command;
    }

    private static string Name(string schema, string table, bool sqlite) =>
        sqlite ? $"\"{ModuleNaming.TableName(schema, table, true)}\"" : $"\"{schema}\".\"{table}\"";
}

/// <summary>Opens plain connections to the host's database for the dispatcher (no EF context per statement).</summary>
internal sealed class OutboxConnections(IOptions<StorageOptions> options)
{
    public bool IsSqlite => options.Value.Provider == StorageProvider.Sqlite;

    public int TimeoutSeconds => options.Value.CommandTimeoutSeconds;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = IsSqlite
            ? new SqliteConnection(options.Value.ConnectionString)
            : new NpgsqlConnection(options.Value.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            SqliteBusyWait.Apply(connection, TimeoutSeconds);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
