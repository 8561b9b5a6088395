using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Persistence;

namespace Modular.Billing.Persistence;

/// <summary>
/// Gapless numbering for documents issued one at a time (credit notes): the series row is locked for the rest of the
/// caller's transaction and written with the document, so a rolled-back document gives its number back and concurrent
/// issuers number one after the other.
/// </summary>
internal static class SeriesCounter
{
    public static async Task<long> NextAsync(BillingDbContext db, string series, CancellationToken cancellationToken)
    {
        var table = db.IsSqlite
            ? $"\"{ModuleNaming.TableName(BillingDbContext.SchemaName, "number_series", true)}\""
            : $"\"{BillingDbContext.SchemaName}\".\"number_series\"";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} (\"Series\", \"LastNumber\") VALUES (@s, 0) ON CONFLICT (\"Series\") DO NOTHING";
            AddParameter(insert, "@s", series);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = $"UPDATE {table} SET \"LastNumber\" = \"LastNumber\" + 1 WHERE \"Series\" = @s RETURNING \"LastNumber\"";
        AddParameter(next, "@s", series);
        return Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
