using System.Data.Common;
using System.Text.Json;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>A consumer's dead letters and its oldest due delivery (null when nothing waits).</summary>
internal sealed record ConsumerBacklog(string Consumer, int DeadLetters, Instant? OldestDue);

/// <summary>
/// The registry of stores and consumers in Core's store, and the upkeep of the outbox tables. A consumer registered for
/// the first time gets a delivery of every message of its types still in the hot table (dispatched before it existed);
/// later messages reach it through dispatch.
/// </summary>
internal sealed class OutboxRegistry(OutboxConnections connections)
{
    /// <summary>Registers this host's stores and consumers; answers every registered store.</summary>
    public async Task<IReadOnlyList<string>> RegisterAsync(IReadOnlyCollection<(string Schema, string Module)> stores,
        IReadOnlyCollection<(string Consumer, string EventType)> subscriptions, string host, Instant now, CancellationToken cancellationToken)
    {
        var sqlite = connections.IsSqlite;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!sqlite)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({OutboxSql.RegistryLock})", cancellationToken);
        }

        foreach (var (schema, module) in stores)
        {
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO {OutboxSql.Stores(sqlite)} ("Schema", "Module", "RegisteredAt") VALUES (@schema, @module, @now) ON CONFLICT DO NOTHING
                """, cancellationToken, ("schema", schema), ("module", module), ("now", now));
        }

        var known = new HashSet<(string, string)>();
        await using (var command = connection.Command($"""SELECT "Consumer", "EventType" FROM {OutboxSql.Subscriptions(sqlite)}""", transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var allStores = await ReadStoresAsync(connection, transaction, cancellationToken);
        foreach (var (consumer, eventType) in subscriptions)
        {
            if (known.Contains((consumer, eventType)))
            {
                await ExecuteAsync(connection, transaction, $"""
                    UPDATE {OutboxSql.Subscriptions(sqlite)} SET "LastSeenAt" = @now, "LastSeenBy" = @host
                    WHERE "Consumer" = @consumer AND "EventType" = @type
                    """, cancellationToken, ("now", now), ("host", host), ("consumer", consumer), ("type", eventType));
                continue;
            }

            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO {OutboxSql.Subscriptions(sqlite)} ("Consumer", "EventType", "RegisteredAt", "LastSeenAt", "LastSeenBy")
                VALUES (@consumer, @type, @now, @now, @host)
                """, cancellationToken, ("consumer", consumer), ("type", eventType), ("now", now), ("host", host));
            foreach (var store in allStores)
            {
                await ExecuteAsync(connection, transaction, $"""
                    INSERT INTO {OutboxSql.Deliveries(sqlite)} ("Store", "MessageId", "Consumer", "OccurredAt", "NextAttemptAt", "Attempts")
                    SELECT @store, m."Id", @consumer, m."OccurredAt", m."OccurredAt", 0 FROM {OutboxSql.Outbox(store, sqlite)} m
                    WHERE m."Type" = @type AND m."DispatchedAt" IS NOT NULL
                    ON CONFLICT DO NOTHING
                    """, cancellationToken, ("store", store), ("consumer", consumer), ("type", eventType));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return allStores;
    }

    public async Task<IReadOnlyList<string>> StoresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReadStoresAsync(connection, null, cancellationToken);
    }

    /// <summary>
    /// Moves up to <paramref name="limit"/> messages of a store whose deliveries are all done and that are older than
    /// <paramref name="cutoff"/> to the archive, and purges archived messages older than <paramref name="purgeBefore"/>.
    /// Answers how many rows it moved or purged (the caller repeats while that is the limit).
    /// </summary>
    public async Task<int> SweepAsync(string store, Instant cutoff, Instant? purgeBefore, Instant now, int limit, CancellationToken cancellationToken)
    {
        var sqlite = connections.IsSqlite;
        var outbox = OutboxSql.Outbox(store, sqlite);
        var archive = OutboxSql.Archive(store, sqlite);
        var done = $"""
            SELECT o."Id" FROM {outbox} o WHERE o."OccurredAt" < @cutoff AND o."DispatchedAt" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM {OutboxSql.Deliveries(sqlite)} d WHERE d."MessageId" = o."Id")
            ORDER BY o."OccurredAt" LIMIT @limit
            """;
        const string Columns = "\"Id\", \"Type\", \"Payload\", \"OccurredAt\", \"DispatchedAt\"";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int moved;
        if (sqlite)
        {
            var ids = new List<Guid>();
            await using (var select = connection.Command(done, transaction, connections.TimeoutSeconds).With("cutoff", cutoff).With("limit", limit))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetGuid(0));
                }
            }

            var json = JsonSerializer.Serialize(ids.Select(OutboxSql.SqliteGuid));
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO {archive} ({Columns}, "ArchivedAt") SELECT {Columns}, @now FROM {outbox}
                WHERE "Id" IN (SELECT value FROM json_each(@ids)) ON CONFLICT DO NOTHING
                """, cancellationToken, ("now", now), ("ids", json));
            moved = await ExecuteAsync(connection, transaction, $"""DELETE FROM {outbox} WHERE "Id" IN (SELECT value FROM json_each(@ids))""",
                cancellationToken, ("ids", json));
        }
        else
        {
            // Shared registry lock: a consumer being registered does not backfill from rows this sweep is moving away.
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock_shared({OutboxSql.RegistryLock})", cancellationToken);
            moved = await ExecuteAsync(connection, transaction, $"""
                WITH moved AS (DELETE FROM {outbox} WHERE "Id" IN ({done} FOR UPDATE SKIP LOCKED) RETURNING {Columns})
                INSERT INTO {archive} ({Columns}, "ArchivedAt") SELECT {Columns}, @now FROM moved ON CONFLICT DO NOTHING
                """, cancellationToken, ("cutoff", cutoff), ("limit", limit), ("now", now));
        }

        var purged = 0;
        if (purgeBefore is { } before)
        {
            purged = await ExecuteAsync(connection, transaction, $"""
                DELETE FROM {archive} WHERE "Id" IN (SELECT "Id" FROM {archive} WHERE "OccurredAt" < @before ORDER BY "OccurredAt" LIMIT @limit)
                """, cancellationToken, ("before", before), ("limit", limit));
        }

        await transaction.CommitAsync(cancellationToken);
        return Math.Max(moved, purged);
    }

    /// <summary>Per registered consumer: its dead letters and its oldest due delivery (each an index lookup).</summary>
    public async Task<IReadOnlyList<ConsumerBacklog>> BacklogAsync(CancellationToken cancellationToken)
    {
        var sqlite = connections.IsSqlite;
        var deliveries = OutboxSql.Deliveries(sqlite);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT s."Consumer",
                (SELECT count(*) FROM {deliveries} d WHERE d."DeadAt" IS NOT NULL AND d."Consumer" = s."Consumer"),
                (SELECT min(d."NextAttemptAt") FROM {deliveries} d WHERE d."DeadAt" IS NULL AND d."Consumer" = s."Consumer")
            FROM (SELECT DISTINCT "Consumer" FROM {OutboxSql.Subscriptions(sqlite)}) s
            ORDER BY s."Consumer"
            """, timeoutSeconds: connections.TimeoutSeconds);
        var backlog = new List<ConsumerBacklog>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            backlog.Add(new ConsumerBacklog(reader.GetString(0), (int)reader.GetInt64(1),
                reader.IsDBNull(2) ? null : OutboxSql.ReadInstant(reader, 2)));
        }

        return backlog;
    }

    /// <summary>The event types of messages of a store (still in the outbox).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Type)>> TypesAsync(string store, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var sqlite = connections.IsSqlite;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""SELECT "Id", "Type" FROM {OutboxSql.Outbox(store, sqlite)} WHERE "Id" {(sqlite ? "IN (SELECT value FROM json_each(@ids))" : "= ANY(@ids)")}""",
            timeoutSeconds: connections.TimeoutSeconds)
            .With("ids", sqlite ? OutboxSql.SqliteJson(ids) : ids.ToArray());
        var types = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            types.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return types;
    }

    private static async Task<IReadOnlyList<string>> ReadStoresAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var stores = new List<string>();
        await using var command = connection.Command($"""SELECT "Schema" FROM {OutboxSql.Stores(connection is Microsoft.Data.Sqlite.SqliteConnection)} ORDER BY "Schema" """, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stores.Add(reader.GetString(0));
        }

        return stores;
    }

    private async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, connections.TimeoutSeconds);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
