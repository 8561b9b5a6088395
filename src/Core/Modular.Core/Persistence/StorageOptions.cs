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

    [Required]
    public string ConnectionString { get; set; } = "Data Source=modular.db";

    /// <summary>Apply pending migrations of every module when the host starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seconds a command may wait (on SQLite this includes waiting for the write lock).</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}
