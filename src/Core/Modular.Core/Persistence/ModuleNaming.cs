using Microsoft.EntityFrameworkCore;

namespace Modular.Core.Persistence;

/// <summary>Where a module's tables live: schema <c>{module}</c> on PostgreSQL, prefix <c>{module}_</c> on SQLite (one file, no schemas).</summary>
public static class ModuleNaming
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public static string TableName(string schema, string table, bool isSqlite) => isSqlite ? $"{schema}_{table}" : table;

    public static string? SchemaName(string schema, bool isSqlite) => isSqlite ? null : schema;

    internal static void Apply(ModelBuilder modelBuilder, string schema, bool isSqlite)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
        {
            entity.SetTableName(TableName(schema, entity.GetTableName()!, isSqlite));
            entity.SetSchema(SchemaName(schema, isSqlite));
        }
    }
}
