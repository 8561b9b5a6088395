using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Modular.Core.Persistence;

/// <summary>
/// Base of a module's migrations. One migration serves both providers: columns are declared by CLR type and the
/// provider picks the store type; <see cref="Table"/> and <see cref="Schema"/> follow <see cref="ModuleNaming"/>.
/// </summary>
public abstract class ModuleMigration : Migration
{
    /// <summary>The module's schema name (same as its DbContext's <see cref="ModuleDbContext.Schema"/>).</summary>
    protected abstract string ModuleSchema { get; }

    protected bool IsSqlite => ActiveProvider == ModuleNaming.SqliteProvider;

    protected string? Schema => ModuleNaming.SchemaName(ModuleSchema, IsSqlite);

    protected string Table(string name) => ModuleNaming.TableName(ModuleSchema, name, IsSqlite);

    /// <summary>
    /// Creates the module's schema (PostgreSQL only) and its outbox and inbox tables as first released; call first in the
    /// initial migration, then <see cref="UpgradeOutboxToPerConsumerDelivery"/> (a new module calls both, in that order).
    /// </summary>
    protected void CreateModuleBasics(MigrationBuilder migrationBuilder)
    {
        if (!IsSqlite)
        {
            migrationBuilder.EnsureSchema(ModuleSchema);
        }

        migrationBuilder.CreateTable(
            name: Table("outbox_messages"),
            schema: Schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Type = t.Column<string>(nullable: false),
                Payload = t.Column<string>(nullable: false),
                OccurredAt = t.Column<DateTime>(nullable: false),
                NextAttemptAt = t.Column<DateTime>(nullable: false),
                ProcessedAt = t.Column<DateTime>(nullable: true),
                Attempts = t.Column<int>(nullable: false),
                LastError = t.Column<string>(nullable: true),
                LockedBy = t.Column<string>(nullable: true),
                LockedUntil = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_" + Table("outbox_messages"), x => x.Id));
        migrationBuilder.CreateIndex("IX_" + Table("outbox_pending"), Table("outbox_messages"), ["ProcessedAt", "NextAttemptAt"], Schema);

        migrationBuilder.CreateTable(
            name: Table("inbox_messages"),
            schema: Schema,
            columns: t => new
            {
                EventId = t.Column<Guid>(nullable: false),
                Consumer = t.Column<string>(maxLength: 300, nullable: false),
                ProcessedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_" + Table("inbox_messages"), x => new { x.EventId, x.Consumer }));
    }

    /// <summary>
    /// Brings the outbox created by <see cref="CreateModuleBasics"/> to delivery per consumer: the retry and lease columns
    /// move to Core's <c>outbox_deliveries</c>, <c>ProcessedAt</c> becomes <c>DispatchedAt</c>, a partial index serves the
    /// dispatcher's claim, and an <c>outbox_archive</c> table receives rows after their retention period. Rows already
    /// processed were delivered to every consumer of their time, so they go straight to the archive.
    /// </summary>
    protected void UpgradeOutboxToPerConsumerDelivery(MigrationBuilder migrationBuilder)
    {
        var outbox = Table("outbox_messages");
        var archive = Table("outbox_archive");
        migrationBuilder.CreateTable(
            name: archive,
            schema: Schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Type = t.Column<string>(nullable: false),
                Payload = t.Column<string>(nullable: false),
                OccurredAt = t.Column<DateTime>(nullable: false),
                DispatchedAt = t.Column<DateTime>(nullable: true),
                ArchivedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_" + archive, x => x.Id));
        migrationBuilder.CreateIndex($"IX_{archive}_OccurredAt", archive, ["OccurredAt"], Schema);

        var outboxName = Qualified(outbox);
        migrationBuilder.Sql($"""
            INSERT INTO {Qualified(archive)} ("Id", "Type", "Payload", "OccurredAt", "DispatchedAt", "ArchivedAt")
            SELECT "Id", "Type", "Payload", "OccurredAt", "ProcessedAt", "ProcessedAt" FROM {outboxName} WHERE "ProcessedAt" IS NOT NULL
            """);
        migrationBuilder.Sql($"""DELETE FROM {outboxName} WHERE "ProcessedAt" IS NOT NULL""");
        migrationBuilder.DropIndex("IX_" + Table("outbox_pending"), outbox, Schema);
        foreach (var column in new[] { "NextAttemptAt", "Attempts", "LastError", "LockedBy", "LockedUntil" })
        {
            // SQLite drops a column in place (3.35+); EF would rebuild the table from a model these migrations don't carry.
            if (IsSqlite)
            {
                migrationBuilder.Sql($"""ALTER TABLE {outboxName} DROP COLUMN "{column}" """);
            }
            else
            {
                migrationBuilder.DropColumn(column, outbox, Schema);
            }
        }

        if (IsSqlite)
        {
            migrationBuilder.Sql($"""ALTER TABLE {outboxName} RENAME COLUMN "ProcessedAt" TO "DispatchedAt" """);
        }
        else
        {
            migrationBuilder.RenameColumn("ProcessedAt", outbox, "DispatchedAt", Schema);
        }

        // The dispatcher's claim reads only rows not yet dispatched, oldest first; dispatched rows cost no entry here.
        migrationBuilder.CreateIndex($"IX_{outbox}_undispatched", outbox, ["OccurredAt", "Id"], Schema, filter: "\"DispatchedAt\" IS NULL");
        // The retention sweep walks dispatched rows by age.
        migrationBuilder.CreateIndex($"IX_{outbox}_OccurredAt", outbox, ["OccurredAt"], Schema);
    }

    /// <summary>A table of this module as raw SQL names it (schema-qualified on PostgreSQL, prefixed on SQLite).</summary>
    protected string Qualified(string table) => Schema is null ? $"\"{table}\"" : $"\"{Schema}\".\"{table}\"";

    /// <summary>Shortcut for a table in this module.</summary>
    protected CreateTableBuilder<TColumns> CreateModuleTable<TColumns>(MigrationBuilder migrationBuilder, string name,
        Func<ColumnsBuilder, TColumns> columns, Action<CreateTableBuilder<TColumns>>? constraints = null) =>
        migrationBuilder.CreateTable(Table(name), columns, Schema, constraints);

    /// <summary>
    /// An index named <c>IX_{table}_{columns}</c>. <paramref name="filter"/> makes it partial (both providers accept
    /// <c>"Column" IS NOT NULL</c> or <c>"Column" = 'Value'</c>): rows outside it cost no index write.
    /// </summary>
    protected void CreateModuleIndex(MigrationBuilder migrationBuilder, string table, string[] columns, bool unique = false, string? filter = null) =>
        migrationBuilder.CreateIndex(IndexName(table, columns), Table(table), columns, Schema, unique, filter);

    /// <summary>
    /// Adds a column of <typeparamref name="T"/> to a module table, stored as the model maps it (see <see cref="ModuleColumns"/>).
    /// A required column gets the store type's default for the rows already there (SQLite needs one).
    /// </summary>
    protected void AddModuleColumn<T>(MigrationBuilder migrationBuilder, string table, string name, bool nullable = false, int? maxLength = null)
    {
        var storeType = ModuleColumns.StoreTypeOf(typeof(T));
        migrationBuilder.Operations.Add(new AddColumnOperation
        {
            Name = name,
            Table = Table(table),
            Schema = Schema,
            ClrType = storeType,
            IsNullable = nullable,
            MaxLength = typeof(T) == typeof(Money.Currency) ? maxLength ?? 3 : maxLength,
            DefaultValue = nullable ? null : storeType == typeof(string) ? string.Empty : Activator.CreateInstance(storeType),
        });
    }

    protected void DropModuleIndex(MigrationBuilder migrationBuilder, string table, string[] columns) =>
        migrationBuilder.DropIndex(IndexName(table, columns), Table(table), Schema);

    private string IndexName(string table, string[] columns) => $"IX_{Table(table)}_{string.Join("_", columns)}";
}
