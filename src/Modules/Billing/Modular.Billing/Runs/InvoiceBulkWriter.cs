using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Events;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Billing.Runs;

/// <summary>An invoice with the event announcing it, written together.</summary>
internal readonly record struct IssuedInvoice(Invoice Invoice, IIntegrationEvent Event);

/// <summary>
/// Writes a page of invoices and their outbox messages inside the caller's transaction, bypassing the change tracker:
/// binary COPY on PostgreSQL, one prepared INSERT per table on SQLite. Also holds the series counter row, which it
/// locks first so concurrent runs number one page at a time (gapless: the counter commits or rolls back with the invoices).
/// </summary>
internal sealed class InvoiceBulkWriter(BillingDbContext db)
{
    private static readonly Column<Invoice>[] InvoiceColumns =
    [
        new("Id", NpgsqlDbType.Uuid, i => i.Id),
        new("Series", NpgsqlDbType.Varchar, i => i.Series),
        new("Sequence", NpgsqlDbType.Bigint, i => i.Sequence),
        new("Number", NpgsqlDbType.Varchar, i => i.Number),
        new("CustomerId", NpgsqlDbType.Uuid, i => i.CustomerId),
        new("ContractId", NpgsqlDbType.Uuid, i => i.ContractId),
        new("ContractNumber", NpgsqlDbType.Text, i => i.ContractNumber),
        new("ClientCode", NpgsqlDbType.Text, i => i.ClientCode),
        new("CustomerName", NpgsqlDbType.Text, i => i.CustomerName),
        new("ServiceAddress", NpgsqlDbType.Text, i => i.ServiceAddress),
        new("Period", NpgsqlDbType.Integer, i => i.Period.Year * 100 + i.Period.Month),
        new("IssueDate", NpgsqlDbType.Date, i => i.IssueDate.ToDateOnly()),
        new("DueDate", NpgsqlDbType.Date, i => i.DueDate.ToDateOnly()),
        new("GraceDate", NpgsqlDbType.Date, i => i.GraceDate.ToDateOnly()),
        new("Currency", NpgsqlDbType.Varchar, i => i.Currency.Code),
        new("Net", NpgsqlDbType.Numeric, i => i.Net),
        new("Vat", NpgsqlDbType.Numeric, i => i.Vat),
        new("Total", NpgsqlDbType.Numeric, i => i.Total),
        new("Paid", NpgsqlDbType.Numeric, i => i.Paid),
        new("Status", NpgsqlDbType.Integer, i => (int)i.Status),
        new("Estimated", NpgsqlDbType.Boolean, i => i.Estimated),
        new("CubicMeters", NpgsqlDbType.Numeric, i => i.CubicMeters),
        new("Source", NpgsqlDbType.Integer, i => (int)i.Source),
        new("LinesJson", NpgsqlDbType.Text, i => i.LinesJson),
        new("Version", NpgsqlDbType.Uuid, i => i.Version),
    ];

    private static readonly Column<IIntegrationEvent>[] OutboxColumns =
    [
        new("Id", NpgsqlDbType.Uuid, e => e.EventId),
        new("Type", NpgsqlDbType.Text, e => IntegrationEventSerializer.TypeName(e.GetType())),
        new("Payload", NpgsqlDbType.Text, e => IntegrationEventSerializer.Serialize(e)),
        new("OccurredAt", NpgsqlDbType.TimestampTz, e => e.OccurredAt.ToDateTimeUtc()),
        new("NextAttemptAt", NpgsqlDbType.TimestampTz, e => e.OccurredAt.ToDateTimeUtc()),
        new("Attempts", NpgsqlDbType.Integer, _ => 0),
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
        await InsertRowsAsync(Table("outbox_messages"), OutboxColumns, issued.Select(i => i.Event), cancellationToken);
    }

    private async Task InsertRowsAsync<T>(string table, Column<T>[] columns, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    await importer.WriteAsync(column.Get(row), column.Type, cancellationToken);
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

            await command.ExecuteNonQueryAsync(cancellationToken);
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

    private sealed record Column<T>(string Name, NpgsqlDbType Type, Func<T, object> Get);
}
