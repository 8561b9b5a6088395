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

    /// <summary>Creates the module's schema (PostgreSQL only) and its outbox and inbox tables; call first in the initial migration.</summary>
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
