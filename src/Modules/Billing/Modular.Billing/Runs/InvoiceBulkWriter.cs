using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Events;
using Modular.Core.Persistence;

namespace Modular.Billing.Runs;

/// <summary>An invoice with the event announcing it, written together.</summary>
internal readonly record struct IssuedInvoice(Invoice Invoice, IIntegrationEvent Event);

/// <summary>
/// Writes a page of invoices inside the caller's transaction through Core's bulk writer (binary COPY on PostgreSQL, prepared
/// multi-row INSERTs on SQLite) and their events through Core's bulk outbox write, which wakes the dispatcher after commit.
/// Also holds the series counter row, which it locks first so concurrent runs number one page at a time (gapless: the
/// counter commits or rolls back with the invoices).
/// </summary>
internal sealed class InvoiceBulkWriter(BillingDbContext db)
{
    private string Table(string name) => db.IsSqlite
        ? $"\"{ModuleNaming.TableName(BillingDbContext.SchemaName, name, true)}\""
        : $"\"{BillingDbContext.SchemaName}\".\"{name}\"";

    /// <summary>Creates the series row if needed and locks it for the rest of the transaction; answers the last number issued.</summary>
    public async Task<long> LockSeriesAsync(string series, CancellationToken cancellationToken)
    {
        var table = Table("number_series");
        await using var insert = Command($"INSERT INTO {table} (\"Series\", \"LastNumber\") VALUES (@s, 0) ON CONFLICT (\"Series\") DO NOTHING", ("s", series));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await using var select = Command($"UPDATE {table} SET \"LastNumber\" = \"LastNumber\" WHERE \"Series\" = @s RETURNING \"LastNumber\"", ("s", series));
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Refreshes PostgreSQL's statistics of the invoices table. A run can multiply the table before autovacuum gets to
    /// it; planning with the old idea of a small table, the page's look-ups (contracts already invoiced, earlier
    /// estimates) became scans of everything issued so far: 29 of the 49 s of a million-contract run. SQLite's planner
    /// takes the index whatever it knows.
    /// </summary>
    public async Task RefreshStatisticsAsync(CancellationToken cancellationToken)
    {
        if (db.IsSqlite)
        {
            return;
        }

        // Between pages: no transaction is open and EF opens the connection for it.
        var analyze = "ANALYZE " + Table("invoices");
        await db.Database.ExecuteSqlRawAsync(analyze, cancellationToken);
    }

    public async Task SetSeriesAsync(string series, long lastNumber, CancellationToken cancellationToken)
    {
        await using var update = Command($"UPDATE {Table("number_series")} SET \"LastNumber\" = @n WHERE \"Series\" = @s", ("s", series), ("n", lastNumber));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task InsertAsync(IReadOnlyList<IssuedInvoice> issued, CancellationToken cancellationToken)
    {
        if (issued.Count == 0)
        {
            return;
        }

        await BulkWriter.WriteAsync(db, issued.Select(i => i.Invoice).ToList(), cancellationToken);
        await db.WriteOutboxAsync(issued.Select(i => i.Event), cancellationToken);
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
