using System.Data.Common;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Modular.Core.Outbox;

/// <summary>A consumer's delivery of a message, leased to one dispatcher pass.</summary>
internal sealed record ClaimedDelivery(string Store, Guid MessageId, string Consumer, int Attempts, Instant OccurredAt)
{
    public string? Type { get; set; }

    public string? Payload { get; set; }
}

/// <summary>A failed delivery's next state: retried at <see cref="NextAttemptAt"/>, or dead when the attempts are spent.</summary>
internal sealed record DeliveryFailure(ClaimedDelivery Delivery, string Error, Instant NextAttemptAt, bool Dead);

/// <summary>What one dispatch-and-claim round trip did.</summary>
internal sealed record ClaimResult(IReadOnlyDictionary<string, int> Dispatched, IReadOnlyList<ClaimedDelivery> Claimed);

/// <summary>
/// The dispatcher's statements. Dispatch turns a store's new outbox rows into one delivery per registered consumer of
/// their type and marks them dispatched; the claim leases a batch of this host's consumers' due deliveries. On
/// PostgreSQL both go in one round trip (one implicit transaction) with <c>FOR UPDATE SKIP LOCKED</c>, so dispatchers
/// of several instances take disjoint rows without waiting; on SQLite they run in one write transaction.
/// </summary>
internal sealed class OutboxQueue(OutboxConnections connections)
{
    public async Task<ClaimResult> DispatchAndClaimAsync(IReadOnlyCollection<string> dispatchStores, IReadOnlyCollection<string> knownStores,
        IReadOnlyList<(string Consumer, int Limit)> consumers, int dispatchLimit, Instant now, string lease, Instant leaseUntil,
        CancellationToken cancellationToken)
    {
        if (dispatchStores.Count == 0 && consumers.Count == 0)
        {
            return new ClaimResult(new Dictionary<string, int>(), []);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var result = connections.IsSqlite
            ? await SqliteAsync(connection, dispatchStores, consumers, dispatchLimit, now, lease, leaseUntil, cancellationToken)
            : await PostgresAsync(connection, dispatchStores, knownStores, consumers, dispatchLimit, now, lease, leaseUntil, cancellationToken);

        // Deliveries of a store this host has not seen registered yet: fetch their payloads separately.
        foreach (var group in result.Claimed.Where(c => c.Payload is null).GroupBy(c => c.Store))
        {
            await LoadPayloadsAsync(connection, null, group.Key, group.ToList(), cancellationToken);
        }

        return result;
    }

    /// <summary>Deletes the deliveries that are done, if this pass still holds their lease.</summary>
    public async Task CompleteAsync(IReadOnlyList<ClaimedDelivery> delivered, string lease, CancellationToken cancellationToken)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        var sqlite = connections.IsSqlite;
        var table = OutboxSql.Deliveries(sqlite);
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (!sqlite)
        {
            await using var command = connection.Command($"""
                DELETE FROM {table} d USING unnest(@ids, @consumers) AS x("MessageId", "Consumer")
                WHERE d."MessageId" = x."MessageId" AND d."Consumer" = x."Consumer" AND d."LockedBy" = @lease
                """, timeoutSeconds: connections.TimeoutSeconds)
                .With("ids", delivered.Select(d => d.MessageId).ToArray())
                .With("consumers", delivered.Select(d => d.Consumer).ToArray())
                .With("lease", lease);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var group in delivered.GroupBy(d => d.Consumer))
        {
            await using var command = connection.Command($"""
                DELETE FROM {table} WHERE "Consumer" = @consumer AND "LockedBy" = @lease
                AND "MessageId" IN (SELECT value FROM json_each(@ids))
                """, transaction, connections.TimeoutSeconds)
                .With("consumer", group.Key).With("lease", lease).With("ids", OutboxSql.SqliteJson(group.Select(d => d.MessageId)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records failed deliveries: another attempt later, or dead letters once the attempts are spent.</summary>
    public async Task FailAsync(IReadOnlyList<DeliveryFailure> failures, string lease, CancellationToken cancellationToken)
    {
        if (failures.Count == 0)
        {
            return;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var failure in failures)
        {
            await using var command = connection.Command($"""
                UPDATE {OutboxSql.Deliveries(connections.IsSqlite)} SET "Attempts" = @attempts, "LastError" = @error,
                "NextAttemptAt" = @next, "DeadAt" = @dead, "LockedBy" = NULL, "LockedUntil" = NULL
                WHERE "MessageId" = @id AND "Consumer" = @consumer AND "LockedBy" = @lease
                """, transaction, connections.TimeoutSeconds)
                .With("attempts", failure.Delivery.Attempts + 1).With("error", failure.Error).With("next", failure.NextAttemptAt)
                .With("dead", failure.Dead ? failure.NextAttemptAt : null).With("id", failure.Delivery.MessageId)
                .With("consumer", failure.Delivery.Consumer).With("lease", lease);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<ClaimResult> PostgresAsync(DbConnection connection, IReadOnlyCollection<string> dispatchStores, IReadOnlyCollection<string> knownStores,
        IReadOnlyList<(string Consumer, int Limit)> consumers, int dispatchLimit, Instant now, string lease, Instant leaseUntil,
        CancellationToken cancellationToken)
    {
        // One command, several statements: Npgsql sends them in one round trip and PostgreSQL runs them in one implicit
        // transaction, so the shared registry lock covers the dispatch and is released at its end.
        var deliveries = OutboxSql.Deliveries(false);
        var subscriptions = OutboxSql.Subscriptions(false);
        var sql = new StringBuilder($"SELECT pg_advisory_xact_lock_shared({OutboxSql.RegistryLock});\n");
        await using var command = connection.Command(string.Empty, timeoutSeconds: connections.TimeoutSeconds)
            .With("now", now).With("dispatch_limit", dispatchLimit);
        var stores = dispatchStores.ToList();
        for (var i = 0; i < stores.Count; i++)
        {
            var outbox = OutboxSql.Outbox(stores[i], false);
            command.With("store" + i, stores[i]);
            sql.Append($"""
                WITH picked AS (
                    SELECT "Id" FROM {outbox} WHERE "DispatchedAt" IS NULL
                    ORDER BY "OccurredAt", "Id" LIMIT @dispatch_limit FOR UPDATE SKIP LOCKED),
                dispatched AS (
                    UPDATE {outbox} m SET "DispatchedAt" = @now FROM picked p WHERE m."Id" = p."Id"
                    RETURNING m."Id", m."Type", m."OccurredAt"),
                created AS (
                    INSERT INTO {deliveries} ("Store", "MessageId", "Consumer", "OccurredAt", "NextAttemptAt", "Attempts")
                    SELECT @store{i}, d."Id", s."Consumer", d."OccurredAt", d."OccurredAt", 0
                    FROM dispatched d JOIN {subscriptions} s ON s."EventType" = d."Type"
                    ON CONFLICT DO NOTHING RETURNING 1)
                SELECT (SELECT count(*) FROM dispatched), (SELECT count(*) FROM created);

                """);
        }

        if (consumers.Count > 0)
        {
            command.With("lease", lease).With("until", leaseUntil);
            var picks = new List<string>();
            for (var i = 0; i < consumers.Count; i++)
            {
                // One pick per consumer walks the (Consumer, NextAttemptAt) index in order and stops at its limit.
                command.With("consumer" + i, consumers[i].Consumer).With("limit" + i, consumers[i].Limit);
                picks.Add($"""
                    p{i} AS (SELECT "MessageId", "Consumer" FROM {deliveries}
                        WHERE "Consumer" = @consumer{i} AND "DeadAt" IS NULL AND "NextAttemptAt" <= @now
                        AND ("LockedUntil" IS NULL OR "LockedUntil" < @now)
                        ORDER BY "NextAttemptAt" LIMIT @limit{i} FOR UPDATE SKIP LOCKED)
                    """);
            }

            var known = knownStores.ToList();
            var payloads = known.Select((store, i) =>
            {
                command.With("known" + i, store);
                return $"""
                    SELECT l.*, m."Type", m."Payload" FROM leased l JOIN {OutboxSql.Outbox(store, false)} m
                    ON m."Id" = l."MessageId" WHERE l."Store" = @known{i}
                    """;
            }).ToList();
            command.With("known", known.ToArray());
            payloads.Add("""SELECT l.*, NULL, NULL FROM leased l WHERE NOT (l."Store" = ANY(@known))""");
            sql.Append($"""
                WITH {string.Join(",\n", picks)},
                leased AS (
                    UPDATE {deliveries} d SET "LockedBy" = @lease, "LockedUntil" = @until
                    FROM ({string.Join(" UNION ALL ", consumers.Select((_, i) => $"SELECT * FROM p{i}"))}) p
                    WHERE d."MessageId" = p."MessageId" AND d."Consumer" = p."Consumer"
                    RETURNING d."Store", d."MessageId", d."Consumer", d."Attempts", d."OccurredAt")
                {string.Join("\nUNION ALL\n", payloads)};
                """);
        }

        command.CommandText = sql.ToString();
        var dispatched = new Dictionary<string, int>(StringComparer.Ordinal);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        for (var i = 0; i < stores.Count; i++)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            dispatched[stores[i]] = (int)reader.GetInt64(0);
        }

        if (consumers.Count > 0)
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedDelivery(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3),
                    OutboxSql.ReadInstant(reader, 4))
                {
                    Type = reader.IsDBNull(5) ? null : reader.GetString(5),
                    Payload = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
            }
        }

        return new ClaimResult(dispatched, claimed);
    }

    private async Task<ClaimResult> SqliteAsync(DbConnection connection, IReadOnlyCollection<string> dispatchStores,
        IReadOnlyList<(string Consumer, int Limit)> consumers, int dispatchLimit, Instant now, string lease, Instant leaseUntil,
        CancellationToken cancellationToken)
    {
        var deliveries = OutboxSql.Deliveries(true);
        var dispatched = new Dictionary<string, int>(StringComparer.Ordinal);
        var claimed = new List<ClaimedDelivery>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var store in dispatchStores)
        {
            // Both statements pick the same oldest rows: nothing else writes while this transaction holds the write lock.
            var outbox = OutboxSql.Outbox(store, true);
            var oldest = $"""SELECT "Id", "Type", "OccurredAt" FROM {outbox} WHERE "DispatchedAt" IS NULL ORDER BY "OccurredAt", "Id" LIMIT @limit""";
            await using (var create = connection.Command($"""
                INSERT INTO {deliveries} ("Store", "MessageId", "Consumer", "OccurredAt", "NextAttemptAt", "Attempts")
                SELECT @store, m."Id", s."Consumer", m."OccurredAt", m."OccurredAt", 0
                FROM ({oldest}) m JOIN {OutboxSql.Subscriptions(true)} s ON s."EventType" = m."Type" WHERE 1
                ON CONFLICT DO NOTHING
                """, transaction, connections.TimeoutSeconds).With("store", store).With("limit", dispatchLimit))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var mark = connection.Command($"""
                UPDATE {outbox} SET "DispatchedAt" = @now WHERE "Id" IN (SELECT "Id" FROM ({oldest}))
                """, transaction, connections.TimeoutSeconds).With("now", now).With("limit", dispatchLimit);
            dispatched[store] = await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (consumer, limit) in consumers)
        {
            await using var claim = connection.Command($"""
                UPDATE {deliveries} SET "LockedBy" = @lease, "LockedUntil" = @until
                WHERE rowid IN (SELECT rowid FROM {deliveries} WHERE "Consumer" = @consumer AND "DeadAt" IS NULL
                    AND "NextAttemptAt" <= @now AND ("LockedUntil" IS NULL OR "LockedUntil" < @now)
                    ORDER BY "NextAttemptAt" LIMIT @limit)
                RETURNING "Store", "MessageId", "Consumer", "Attempts", "OccurredAt"
                """, transaction, connections.TimeoutSeconds)
                .With("lease", lease).With("until", leaseUntil).With("consumer", consumer).With("now", now).With("limit", limit);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new ClaimedDelivery(reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3),
                    OutboxSql.ReadInstant(reader, 4)));
            }
        }

        foreach (var group in claimed.GroupBy(c => c.Store))
        {
            await LoadPayloadsAsync(connection, transaction, group.Key, group.ToList(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult(dispatched, claimed);
    }

    private async Task LoadPayloadsAsync(DbConnection connection, DbTransaction? transaction, string store, IReadOnlyList<ClaimedDelivery> deliveries,
        CancellationToken cancellationToken)
    {
        var sqlite = connections.IsSqlite;
        var ids = deliveries.Select(d => d.MessageId).Distinct().ToList();
        await using var command = connection.Command(sqlite
            ? $"""SELECT "Id", "Type", "Payload" FROM {OutboxSql.Outbox(store, true)} WHERE "Id" IN (SELECT value FROM json_each(@ids))"""
            : $"""SELECT "Id", "Type", "Payload" FROM {OutboxSql.Outbox(store, false)} WHERE "Id" = ANY(@ids)""",
            transaction, connections.TimeoutSeconds)
            .With("ids", sqlite ? JsonSerializer.Serialize(ids.Select(OutboxSql.SqliteGuid)) : ids.ToArray());
        var found = new Dictionary<Guid, (string Type, string Payload)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        foreach (var delivery in deliveries)
        {
            if (found.TryGetValue(delivery.MessageId, out var message))
            {
                delivery.Type = message.Type;
                delivery.Payload = message.Payload;
            }
        }
    }
}
