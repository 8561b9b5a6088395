using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Events;
using Modular.Core.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Billing.Runs;

/// <summary>An invoice with the event announcing it, written together.</summary>
internal readonly record struct IssuedInvoice(Invoice Invoice, IIntegrationEvent Event);

/// <summary>
/// Writes a page of invoices inside the caller's transaction, bypassing the change tracker (binary COPY on PostgreSQL, one
/// prepared INSERT on SQLite), and their events through Core's bulk outbox write, which wakes the dispatcher after commit. Also holds the series counter row, which it
/// locks first so concurrent runs number one page at a time (gapless: the counter commits or rolls back with the invoices).
/// </summary>
internal sealed class InvoiceBulkWriter(BillingDbContext db)
{
    private static readonly Column<Invoice>[] InvoiceColumns =
    [
        I("Id", NpgsqlDbType.Uuid, i => i.Id),
        I("Series", NpgsqlDbType.Varchar, i => i.Series),
        I("Sequence", NpgsqlDbType.Bigint, i => i.Sequence),
        I("Number", NpgsqlDbType.Varchar, i => i.Number),
        I("CustomerId", NpgsqlDbType.Uuid, i => i.CustomerId),
        I("ContractId", NpgsqlDbType.Uuid, i => i.ContractId),
        I("ContractNumber", NpgsqlDbType.Text, i => i.ContractNumber),
        I("ClientCode", NpgsqlDbType.Text, i => i.ClientCode),
        I("CustomerName", NpgsqlDbType.Text, i => i.CustomerName),
        I("ServiceAddress", NpgsqlDbType.Text, i => i.ServiceAddress),
        I("Period", NpgsqlDbType.Integer, i => i.Period.Year * 100 + i.Period.Month),
        I("IssueDate", NpgsqlDbType.Date, i => i.IssueDate.ToDateOnly()),
        I("DueDate", NpgsqlDbType.Date, i => i.DueDate.ToDateOnly()),
        I("GraceDate", NpgsqlDbType.Date, i => i.GraceDate.ToDateOnly()),
        I("Currency", NpgsqlDbType.Varchar, i => i.Currency.Code),
        I("Net", NpgsqlDbType.Numeric, i => i.Net),
        I("Vat", NpgsqlDbType.Numeric, i => i.Vat),
        I("Total", NpgsqlDbType.Numeric, i => i.Total),
        I("Paid", NpgsqlDbType.Numeric, i => i.Paid),
        I("Status", NpgsqlDbType.Integer, i => (int)i.Status),
        I("Estimated", NpgsqlDbType.Boolean, i => i.Estimated),
        I("CubicMeters", NpgsqlDbType.Numeric, i => i.CubicMeters),
        I("Source", NpgsqlDbType.Integer, i => (int)i.Source),
        I("LinesJson", NpgsqlDbType.Text, i => i.LinesJson),
        I("Version", NpgsqlDbType.Uuid, i => i.Version),
    ];

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

        await InsertRowsAsync(Table("invoices"), InvoiceColumns, issued.Select(i => i.Invoice), cancellationToken);
        await db.WriteOutboxAsync(issued.Select(i => i.Event), cancellationToken);
    }

    private async Task InsertRowsAsync<T>(string table, Column<T>[] columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                // Synchronous writes only fill Npgsql's buffer; it flushes (blocking briefly) when full.
                importer.StartRow();
                foreach (var column in columns)
                {
                    column.Write(importer, row, column.Type);
                }
            }

            await importer.CompleteAsync(cancellationToken);
            return;
        }

        await using var command = Command($"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})");
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                // EF stores Guids on SQLite as upper-case text; match it so its queries find these rows.
                parameters[i].Value = columns[i].Get(row) switch
                {
                    Guid g => g.ToString().ToUpperInvariant(),
                    var value => value ?? DBNull.Value,
                };
            }

            // Microsoft.Data.Sqlite runs synchronously anyway; the async wrapper only adds overhead per row.
            cancellationToken.ThrowIfCancellationRequested();
            command.ExecuteNonQuery();
        }
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

    /// <summary>A column: its name, its PostgreSQL type, a typed COPY write (no boxing, no per-value type lookup) and the value for SQLite.</summary>
    private sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object> Get, Action<NpgsqlBinaryImporter, T, NpgsqlDbType> Write);

    private static Column<Invoice> I<TValue>(string name, NpgsqlDbType type, Func<Invoice, TValue> get)
        where TValue : notnull =>
        new(name, type, row => get(row), (importer, row, t) => importer.Write(get(row), t));
}
