using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Modular.Core.Persistence;
using Modular.Readings.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Modular.Readings.Benchmarks;

/// <summary>
/// The floor: one open connection and one prepared single-row INSERT into the module's readings table, values stored
/// the way EF stores them. Outside <see cref="BeginAsync"/>/<see cref="CommitAsync"/> every row commits on its own.
/// </summary>
internal sealed class ReadingRows : IAsyncDisposable
{
    private static readonly string[] Columns =
        ["Id", "MeterId", "ContractId", "Index", "ReadingDate", "Period", "SubmittedAt", "SubmittedBy", "Source", "Quality", "Status", "Consumption",
            "Rollover", "SupersededBy", "ImportKey"];

    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private readonly bool _sqlite;
    private DbTransaction? _transaction;

    private ReadingRows(DbConnection connection, DbCommand insert, bool sqlite)
    {
        _connection = connection;
        _insert = insert;
        _sqlite = sqlite;
    }

    public static async Task<ReadingRows> OpenAsync(StorageOptions storage)
    {
        var sqlite = storage.Provider == StorageProvider.Sqlite;
        DbConnection connection = sqlite ? new SqliteConnection(storage.ConnectionString) : new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        var table = sqlite ? "\"readings_readings\"" : "\"readings\".\"readings\"";
        var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < Columns.Length; i++)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@p" + i;
            if (parameter is NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = Columns[i] switch
                {
                    "Id" or "MeterId" or "ContractId" or "SubmittedBy" or "SupersededBy" => NpgsqlDbType.Uuid,
                    "Index" or "Consumption" => NpgsqlDbType.Numeric,
                    "ReadingDate" => NpgsqlDbType.Date,
                    "Period" => NpgsqlDbType.Integer,
                    "SubmittedAt" => NpgsqlDbType.TimestampTz,
                    "Rollover" => NpgsqlDbType.Boolean,
                    _ => NpgsqlDbType.Varchar,
                };
            }

            insert.Parameters.Add(parameter);
        }

        await insert.PrepareAsync();
        return new ReadingRows(connection, insert, sqlite);
    }

    public async Task BeginAsync() => _insert.Transaction = _transaction = await _connection.BeginTransactionAsync();

    public async Task CommitAsync()
    {
        await _transaction!.CommitAsync();
        await _transaction.DisposeAsync();
        _insert.Transaction = _transaction = null;
    }

    public async Task InsertAsync(Reading r)
    {
        object?[] values =
        [
            Id(r.Id), Id(r.MeterId), Id(r.ContractId), Number(r.Index), _sqlite ? r.ReadingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : r.ReadingDate.ToDateOnly(),
            r.Period, _sqlite ? r.SubmittedAt.ToDateTimeUtc().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : r.SubmittedAt.ToDateTimeUtc(),
            r.SubmittedBy is { } by ? Id(by) : null, r.Source.ToString(), r.Quality.ToString(), r.Status.ToString(), Number(r.Consumption),
            _sqlite ? (r.Rollover ? 1 : 0) : r.Rollover, r.SupersededBy is { } s ? Id(s) : null, r.ImportKey,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        if (_sqlite)
        {
            // Microsoft.Data.Sqlite is synchronous underneath; its async methods only add a wrapper.
            _insert.ExecuteNonQuery();
        }
        else
        {
            await _insert.ExecuteNonQueryAsync();
        }
    }

    // EF stores Guids on SQLite as upper-case text and decimals as text.
    private object Id(Guid id) => _sqlite ? id.ToString().ToUpperInvariant() : id;

    private object Number(decimal value) => _sqlite ? value.ToString(CultureInfo.InvariantCulture) : value;

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
