using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Ports;
using NodaTime;

namespace Modular.Kiosks.Device.Journal;

/// <summary>
/// The kiosk's journal in a SQLite file (<c>Modular:Kiosk:JournalPath</c>, relative to the data folder): one row per entry
/// (<c>entries</c>) and one per note (<c>notes</c>), in WAL mode with <c>synchronous=FULL</c>, so a change is on disk when
/// its method returns and survives a power cut or a killed process. Transitions run in an immediate transaction (the
/// database's write lock), so two pollers or two processes see each other's changes.
/// </summary>
public sealed class SqliteKioskJournal : IKioskJournal
{
    private readonly string _connectionString;
    private readonly IClock _clock;
    private readonly Lazy<Task> _created;

    public SqliteKioskJournal(IOptions<KioskDeviceOptions> options, DataFolder dataFolder, IClock clock)
        : this(System.IO.Path.Combine(dataFolder.Path, options.Value.JournalPath), clock)
    {
    }

    /// <summary>A journal in the file at <paramref name="path"/> (created with its folder when missing).</summary>
    public SqliteKioskJournal(string path, IClock clock)
    {
        Path = System.IO.Path.GetFullPath(path);
        _clock = clock;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        _created = new Lazy<Task>(CreateAsync);
    }

    /// <summary>The journal's file.</summary>
    public string Path { get; }

    public async Task BeginAsync(JournalEntryStart entry, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO entries (entry_id, customer_id, client_code, invoice_ids, method, amount, currency, culture, state, started_at, recovered)
                VALUES ($id, $customer, $client, $invoices, $method, $amount, $currency, $culture, 'Started', $now, 0)
                ON CONFLICT (entry_id) DO NOTHING
                """, cancellationToken,
                ("$id", Text(entry.EntryId)), ("$customer", Text(entry.CustomerId)), ("$client", entry.ClientCode),
                ("$invoices", string.Join(',', entry.InvoiceIds.Select(Text))), ("$method", entry.Method.ToString()), ("$amount", Text(entry.Amount)),
                ("$currency", entry.Currency), ("$culture", entry.Culture), ("$now", Ticks(_clock.GetCurrentInstant())));
        }, cancellationToken);
    }

    public async Task NoteAcceptedAsync(Guid entryId, Note note, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var entry = await ReadAsync(connection, transaction, entryId, cancellationToken) ?? throw Unknown(entryId);
            if (entry.State != JournalEntryState.Started || entry.Method != KioskMethod.Cash)
            {
                throw new InvalidOperationException($"Entry {entryId} takes no notes ({entry.Method}, {entry.State}).");
            }

            await ExecuteAsync(connection, transaction, """
                INSERT INTO notes (entry_id, seq, denomination, currency, accepted_at)
                VALUES ($id, (SELECT COUNT(*) FROM notes WHERE entry_id = $id) + 1, $denomination, $currency, $now)
                """, cancellationToken,
                ("$id", Text(entryId)), ("$denomination", Text(note.Denomination)), ("$currency", note.Currency), ("$now", Ticks(_clock.GetCurrentInstant())));
        }, cancellationToken);
    }

    public async Task CardAuthorizedAsync(Guid entryId, CardAuthorization authorization, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var entry = await ReadAsync(connection, transaction, entryId, cancellationToken) ?? throw Unknown(entryId);
            if (entry.Card is not null && entry.Card.Code == authorization.Code)
            {
                return;
            }

            if (entry.State != JournalEntryState.Started || entry.Method != KioskMethod.Card || entry.Card is not null)
            {
                throw new InvalidOperationException($"Entry {entryId} takes no card authorization ({entry.Method}, {entry.State}).");
            }

            await ExecuteAsync(connection, transaction, "UPDATE entries SET card_code = $code, card_last4 = $last4 WHERE entry_id = $id", cancellationToken,
                ("$id", Text(entryId)), ("$code", authorization.Code), ("$last4", authorization.CardLast4));
        }, cancellationToken);
    }

    public async Task<JournalEntry> CompleteAsync(Guid entryId, CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, transaction) =>
        {
            var entry = await ReadAsync(connection, transaction, entryId, cancellationToken) ?? throw Unknown(entryId);
            if (entry.State is JournalEntryState.Completed or JournalEntryState.Posted)
            {
                return entry;
            }

            if (entry.State == JournalEntryState.Cancelled || entry.Taken <= 0m)
            {
                throw new InvalidOperationException($"Entry {entryId} cannot complete: {(entry.State == JournalEntryState.Cancelled ? "it was cancelled" : "no money was taken")}.");
            }

            await ExecuteAsync(connection, transaction, "UPDATE entries SET state = 'Completed', completed_at = $now WHERE entry_id = $id", cancellationToken,
                ("$id", Text(entryId)), ("$now", Ticks(_clock.GetCurrentInstant())));
            return (await ReadAsync(connection, transaction, entryId, cancellationToken))!;
        }, cancellationToken);

    public async Task CancelAsync(Guid entryId, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var entry = await ReadAsync(connection, transaction, entryId, cancellationToken) ?? throw Unknown(entryId);
            if (entry.State == JournalEntryState.Cancelled)
            {
                return;
            }

            if (entry.State != JournalEntryState.Started || entry.Taken > 0m)
            {
                throw new InvalidOperationException($"Entry {entryId} cannot be cancelled: money was taken.");
            }

            await ExecuteAsync(connection, transaction, "UPDATE entries SET state = 'Cancelled' WHERE entry_id = $id", cancellationToken, ("$id", Text(entryId)));
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> PendingAsync(CancellationToken cancellationToken)
    {
        await _created.Value;
        await using var connection = await OpenAsync(cancellationToken);
        var ids = new List<Guid>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT entry_id FROM entries WHERE state = 'Completed' ORDER BY completed_at, entry_id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
            }
        }

        var entries = new List<JournalEntry>();
        foreach (var id in ids)
        {
            if (await ReadAsync(connection, null, id, cancellationToken) is { State: JournalEntryState.Completed } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public async Task MarkPostedAsync(Guid entryId, Guid paymentId, string receiptNumber, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var entry = await ReadAsync(connection, transaction, entryId, cancellationToken) ?? throw Unknown(entryId);
            if (entry.State == JournalEntryState.Posted)
            {
                if (entry.PaymentId != paymentId)
                {
                    throw new InvalidOperationException($"Entry {entryId} was posted as payment {entry.PaymentId}, not {paymentId}.");
                }

                return;
            }

            if (entry.State != JournalEntryState.Completed)
            {
                throw new InvalidOperationException($"Entry {entryId} is {entry.State}: only a completed entry is posted.");
            }

            await ExecuteAsync(connection, transaction,
                "UPDATE entries SET state = 'Posted', payment_id = $payment, receipt_number = $receipt, posted_at = $now WHERE entry_id = $id", cancellationToken,
                ("$id", Text(entryId)), ("$payment", Text(paymentId)), ("$receipt", receiptNumber), ("$now", Ticks(_clock.GetCurrentInstant())));
        }, cancellationToken);
    }

    public async Task<JournalEntry?> GetAsync(Guid entryId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, entryId, cancellationToken);
    }

    public async Task<int> RecoverAsync(CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, transaction) =>
        {
            var started = new List<Guid>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT entry_id FROM entries WHERE state = 'Started'";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    started.Add(Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
                }
            }

            var completed = 0;
            foreach (var id in started)
            {
                var entry = (await ReadAsync(connection, transaction, id, cancellationToken))!;
                if (entry.Taken > 0m)
                {
                    // The money was taken when its last note was stacked (a card: now is all we know).
                    await ExecuteAsync(connection, transaction, """
                        UPDATE entries SET state = 'Completed', recovered = 1,
                            completed_at = COALESCE((SELECT MAX(accepted_at) FROM notes WHERE notes.entry_id = entries.entry_id), $now)
                        WHERE entry_id = $id
                        """, cancellationToken,
                        ("$id", Text(id)), ("$now", Ticks(_clock.GetCurrentInstant())));
                    completed++;
                }
                else
                {
                    await ExecuteAsync(connection, transaction, "UPDATE entries SET state = 'Cancelled', recovered = 1 WHERE entry_id = $id", cancellationToken,
                        ("$id", Text(id)));
                }
            }

            return completed;
        }, cancellationToken);

    private async Task CreateAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // WAL is a property of the file (it stays); synchronous is set on every connection (OpenAsync).
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS entries (
                entry_id TEXT NOT NULL PRIMARY KEY,
                customer_id TEXT NOT NULL,
                client_code TEXT NOT NULL,
                invoice_ids TEXT NOT NULL,
                method TEXT NOT NULL,
                amount TEXT NOT NULL,
                currency TEXT NOT NULL,
                culture TEXT NOT NULL,
                state TEXT NOT NULL,
                card_code TEXT NULL,
                card_last4 TEXT NULL,
                started_at INTEGER NOT NULL,
                completed_at INTEGER NULL,
                payment_id TEXT NULL,
                receipt_number TEXT NULL,
                posted_at INTEGER NULL,
                recovered INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS entries_state ON entries (state);
            CREATE TABLE IF NOT EXISTS notes (
                entry_id TEXT NOT NULL REFERENCES entries (entry_id),
                seq INTEGER NOT NULL,
                denomination TEXT NOT NULL,
                currency TEXT NOT NULL,
                accepted_at INTEGER NOT NULL,
                PRIMARY KEY (entry_id, seq));
            """;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in an immediate transaction (the write lock taken first) and commits it.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _created.Value;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(async (c, t) =>
        {
            await work(c, t);
            return true;
        }, cancellationToken);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<JournalEntry?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, Guid entryId,
        CancellationToken cancellationToken)
    {
        var notes = new List<Note>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT denomination, currency FROM notes WHERE entry_id = $id ORDER BY seq";
            command.Parameters.AddWithValue("$id", Text(entryId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(new Note(decimal.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1)));
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT customer_id, client_code, invoice_ids, method, amount, currency, culture, state, card_code, card_last4,
                       started_at, completed_at, payment_id, receipt_number, posted_at, recovered
                FROM entries WHERE entry_id = $id
                """;
            command.Parameters.AddWithValue("$id", Text(entryId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            Instant? At(int i) => reader.IsDBNull(i) ? null : Instant.FromUnixTimeTicks(reader.GetInt64(i));
            var invoices = reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var card = Nullable(8) is { } code ? new CardAuthorization(code, Nullable(9)) : null;
            return new JournalEntry(entryId, Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetString(1), invoices,
                Enum.Parse<KioskMethod>(reader.GetString(3)), decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture), reader.GetString(5),
                reader.GetString(6), Enum.Parse<JournalEntryState>(reader.GetString(7)), notes, card, Instant.FromUnixTimeTicks(reader.GetInt64(10)), At(11),
                Nullable(12) is { } payment ? Guid.Parse(payment, CultureInfo.InvariantCulture) : null, Nullable(13), At(14), reader.GetInt64(15) != 0);
        }
    }

    private static InvalidOperationException Unknown(Guid entryId) => new($"The journal has no entry {entryId}.");

    private static string Text(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Ticks(Instant instant) => instant.ToUnixTimeTicks();
}
