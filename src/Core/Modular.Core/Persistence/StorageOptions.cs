using System.ComponentModel.DataAnnotations;

namespace Modular.Core.Persistence;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Modular:Storage</c>: one database for the host; each module keeps its own schema (PostgreSQL) or table prefix (SQLite).</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>With SQLite, a relative file name is taken in the data folder; unset, it is <c>modular.db</c> there.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=modular.db";

    /// <summary>Apply pending migrations of every module when the host starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seconds a command may wait (on SQLite this includes waiting for the write lock).</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// PostgreSQL connections one host may hold, unless the connection string sets <c>Maximum Pool Size</c>. Npgsql's own
    /// default (100) equals PostgreSQL's default <c>max_connections</c>: one busy host would take every connection.
    /// Keep instances × this below the server's limit.
    /// </summary>
    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 20;
}
