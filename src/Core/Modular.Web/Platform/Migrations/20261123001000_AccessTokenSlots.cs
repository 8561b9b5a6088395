using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Modular.Core.Persistence;

namespace Modular.Web.Platform.Migrations;

/// <summary>
/// Gives every personal access token a place (slot) among its owner's, unique per user, so the per-user limit holds
/// under concurrent creation on both providers. Tokens not revoked get places 1, 2, … in order of creation.
/// </summary>
[DbContext(typeof(WebDbContext))]
[Migration("20261123001000_AccessTokenSlots")]
internal sealed class AccessTokenSlots : ModuleMigration
{
    protected override string ModuleSchema => WebDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("Slot", Table("access_tokens"), nullable: true, schema: Schema);

        var table = Schema is null ? $"\"{Table("access_tokens")}\"" : $"\"{Schema}\".\"{Table("access_tokens")}\"";
        migrationBuilder.Sql(
            $"UPDATE {table} AS t SET \"Slot\" = (SELECT COUNT(*) FROM {table} o WHERE o.\"UserId\" = t.\"UserId\" AND o.\"RevokedAt\" IS NULL " +
            "AND (o.\"CreatedAt\" < t.\"CreatedAt\" OR (o.\"CreatedAt\" = t.\"CreatedAt\" AND o.\"Id\" <= t.\"Id\"))) WHERE t.\"RevokedAt\" IS NULL");

        CreateModuleIndex(migrationBuilder, "access_tokens", ["UserId", "Slot"], unique: true);
    }
}
