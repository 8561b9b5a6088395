using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Core.Events;
using Modular.Core.Money;
using Modular.Core.Outbox;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Billing.Benchmarks;

/// <summary>
/// The floor a billing run is measured against: the same invoice and outbox rows written into the same (migrated, indexed)
/// tables with nothing else – one connection, one transaction, binary COPY per table on PostgreSQL, one prepared INSERT
/// per table on SQLite. Rows are generated in chunks from drafts priced once per kind of contract, and only the writing is
/// timed (generation happens while the stopwatch is stopped).
/// </summary>
internal static class Floor
{
    private static readonly YearMonth Period = new(2026, 10);
    private static readonly LocalDate Today = new(2026, 11, 3);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 3, 8, 0);

    private static readonly (string Name, NpgsqlDbType Type, Func<Invoice, object> Get)[] InvoiceColumns =
    [
        ("Id", NpgsqlDbType.Uuid, i => i.Id),
        ("Series", NpgsqlDbType.Varchar, i => i.Series),
        ("Sequence", NpgsqlDbType.Bigint, i => i.Sequence),
        ("Number", NpgsqlDbType.Varchar, i => i.Number),
        ("CustomerId", NpgsqlDbType.Uuid, i => i.CustomerId),
        ("ContractId", NpgsqlDbType.Uuid, i => i.ContractId),
        ("ContractNumber", NpgsqlDbType.Text, i => i.ContractNumber),
        ("ClientCode", NpgsqlDbType.Text, i => i.ClientCode),
        ("CustomerName", NpgsqlDbType.Text, i => i.CustomerName),
        ("ServiceAddress", NpgsqlDbType.Text, i => i.ServiceAddress),
        ("Period", NpgsqlDbType.Integer, i => (i.Period.Year * 100) + i.Period.Month),
        ("IssueDate", NpgsqlDbType.Date, i => i.IssueDate.ToDateOnly()),
        ("DueDate", NpgsqlDbType.Date, i => i.DueDate.ToDateOnly()),
        ("GraceDate", NpgsqlDbType.Date, i => i.GraceDate.ToDateOnly()),
        ("Currency", NpgsqlDbType.Varchar, i => i.Currency.Code),
        ("Net", NpgsqlDbType.Numeric, i => i.Net),
        ("Vat", NpgsqlDbType.Numeric, i => i.Vat),
        ("Total", NpgsqlDbType.Numeric, i => i.Total),
        ("Paid", NpgsqlDbType.Numeric, i => i.Paid),
        ("Status", NpgsqlDbType.Integer, i => (int)i.Status),
        ("Estimated", NpgsqlDbType.Boolean, i => i.Estimated),
        ("CubicMeters", NpgsqlDbType.Numeric, i => i.CubicMeters),
        ("Source", NpgsqlDbType.Integer, i => (int)i.Source),
        ("LinesJson", NpgsqlDbType.Text, i => i.LinesJson),
        ("Version", NpgsqlDbType.Uuid, i => i.Version),
    ];

    private static readonly (string Name, NpgsqlDbType Type, Func<OutboxRow, object> Get)[] OutboxColumns =
    [
        ("Id", NpgsqlDbType.Uuid, e => e.Id),
        ("Type", NpgsqlDbType.Text, e => e.Type),
        ("Payload", NpgsqlDbType.Text, e => e.Payload),
        ("OccurredAt", NpgsqlDbType.TimestampTz, e => e.OccurredAt),
    ];

    private const int Chunk = 10_000;

    /// <summary>Writes the rows; answers how many invoices (the same number of outbox rows goes with them) and the time spent writing.</summary>
    public static async Task<(int Invoices, TimeSpan Writing)> WriteAsync(BenchDatabase database, GeneratedDirectory directory)
    {
        var rows = new Rows(directory);
        var watch = new Stopwatch();
        int written;
        if (database.Provider == "Postgres")
        {
            await using var npgsql = new NpgsqlConnection(database.ConnectionString);
            await npgsql.OpenAsync();
            watch.Start();
            await using var transaction = await npgsql.BeginTransactionAsync();
            written = await CopyAsync(npgsql, "\"billing\".\"invoices\"", InvoiceColumns, rows.Invoices(Chunk), watch);
            await CopyAsync(npgsql, "\"billing\".\"outbox_messages\"", OutboxColumns, rows.Events(Chunk), watch);
            await transaction.CommitAsync();
            watch.Stop();
            return (written, watch.Elapsed);
        }

        await using var sqlite = new SqliteConnection(database.ConnectionString);
        await sqlite.OpenAsync();
        watch.Start();
        await using (var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync())
        {
            written = Insert(sqlite, transaction, "\"billing_invoices\"", InvoiceColumns, rows.Invoices(Chunk), watch);
            Insert(sqlite, transaction, "\"billing_outbox_messages\"", OutboxColumns, rows.Events(Chunk), watch);
            await transaction.CommitAsync();
        }

        watch.Stop();
        return (written, watch.Elapsed);
    }

    /// <summary>Enumerates chunks with the stopwatch stopped: generating rows is not part of the floor.</summary>
    private static IEnumerable<List<T>> Untimed<T>(IEnumerable<List<T>> chunks, Stopwatch watch)
    {
        using var enumerator = chunks.GetEnumerator();
        while (true)
        {
            watch.Stop();
            var more = enumerator.MoveNext();
            watch.Start();
            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private static async Task<int> CopyAsync<T>(NpgsqlConnection connection, string table, (string Name, NpgsqlDbType Type, Func<T, object> Get)[] columns,
        IEnumerable<List<T>> chunks, Stopwatch watch)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var count = 0;
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)");
        foreach (var chunk in Untimed(chunks, watch))
        {
            foreach (var row in chunk)
            {
                importer.StartRow();
                foreach (var (_, type, get) in columns)
                {
                    importer.Write(get(row), type);
                }
            }

            count += chunk.Count;
        }

        await importer.CompleteAsync();
        return count;
    }

    private static int Insert<T>(SqliteConnection connection, SqliteTransaction transaction, string table,
        (string Name, NpgsqlDbType Type, Func<T, object> Get)[] columns, IEnumerable<List<T>> chunks, Stopwatch watch)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "@p" + i })).ToArray();
        command.Prepare();
        var count = 0;
        foreach (var chunk in Untimed(chunks, watch))
        {
            foreach (var row in chunk)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    // Stored as EF stores them: Guids as upper-case text.
                    parameters[i].Value = columns[i].Get(row) switch
                    {
                        Guid g => g.ToString().ToUpperInvariant(),
                        var value => value,
                    };
                }

                command.ExecuteNonQuery();
            }

            count += chunk.Count;
        }

        return count;
    }

    private sealed record OutboxRow(Guid Id, string Type, string Payload, DateTime OccurredAt);

    /// <summary>The run's rows for the generated directory: contracts without a client code are skipped as the run skips them.</summary>
    private sealed class Rows(GeneratedDirectory directory)
    {
        private static readonly string EventType = IntegrationEventSerializer.TypeName(typeof(InvoiceIssued));
        private readonly Dictionary<int, InvoiceDraft> _drafts = Drafts(directory);
        private readonly BillingOptions _options = new();

        public IEnumerable<List<Invoice>> Invoices(int size) => Issued().Select(i => i.Invoice).Chunk(size).Select(c => c.ToList());

        public IEnumerable<List<OutboxRow>> Events(int size) => Issued().Select(i =>
                new OutboxRow(i.Event.EventId, EventType, IntegrationEventSerializer.Serialize(i.Event), i.Event.OccurredAt.ToDateTimeUtc()))
            .Chunk(size).Select(c => c.ToList());

        // Deterministic: the invoices and their events come out the same in both passes.
        private IEnumerable<(Invoice Invoice, IIntegrationEvent Event)> Issued()
        {
            var sequence = 0L;
            for (var index = 0; index < directory.Count; index++)
            {
                var contract = directory.Contract(index);
                if (contract.ClientCode.Length == 0)
                {
                    continue;
                }

                var invoice = InvoiceFactory.Issue(contract, Period, _drafts[index % 20], _options, ++sequence, Today);
                invoice.Id = new Guid(index, 0x0b11, 0, 0, 0, 0, 0, 0, 0, 0, 0);
                invoice.Version = Guid.Empty;
                var issued = InvoiceFactory.IssuedEvent(invoice, Now) with { EventId = new Guid(index, 0x0e0e, 0, 0, 0, 0, 0, 0, 0, 0, 0) };
                yield return (invoice, issued);
            }
        }

        private static Dictionary<int, InvoiceDraft> Drafts(GeneratedDirectory directory)
        {
            List<TariffEntry> tariffs =
            [
                Tariff(TariffService.Water, 5.27m, 0.11m, new LocalDate(2020, 1, 1), new LocalDate(2026, 10, 16)),
                Tariff(TariffService.Water, 5.61m, 0.11m, new LocalDate(2026, 10, 17), null),
                Tariff(TariffService.Sewerage, 4.13m, 0.11m, new LocalDate(2020, 1, 1), null),
                Tariff(TariffService.FixedMonthlyFee, 3.50m, 0.21m, new LocalDate(2020, 1, 1), null),
            ];
            var calculator = new InvoiceCalculator();
            return Enumerable.Range(0, Math.Min(20, directory.Count)).ToDictionary(i => i, i => calculator.Calculate(directory.Contract(i),
                GeneratedDirectory.Consumption(GeneratedDirectory.ContractId(i), Period), Period, tariffs, []).Draft!);
        }

        private static TariffEntry Tariff(TariffService service, decimal price, decimal vat, LocalDate from, LocalDate? to) =>
            new() { Id = Guid.NewGuid(), Service = service, Name = service.ToString(), UnitPrice = price, VatRate = vat, Currency = Currency.Ron, ValidFrom = from, ValidTo = to };
    }
}
