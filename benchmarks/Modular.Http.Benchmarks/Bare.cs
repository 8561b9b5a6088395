using Microsoft.Data.Sqlite;
using Npgsql;

namespace Modular.Http.Benchmarks;

/// <summary>
/// The floors, in a process of their own like the host: ASP.NET Core with nothing else. A POST that inserts one reading
/// row (one connection from the pool, one statement, its own commit) and a stored PDF served as a static file.
/// </summary>
public static class Bare
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = Argument(args, "--provider");
        var connection = Argument(args, "--connection");
        var pdf = File.ReadAllBytes(Argument(args, "--pdf"));
        Prepare(provider, connection);

        app.MapGet("/health/live", () => "Healthy");
        app.MapPost("/readings/{meter:guid}", async (Guid meter, BareReading body) =>
        {
            await InsertAsync(provider, connection, meter, body.Index);
            return Results.Ok(new { outcome = "Accepted" });
        });
        app.MapGet("/document.pdf", () => Results.Bytes(pdf, "application/pdf"));
        app.Run();
    }

    private static void Prepare(string provider, string connection)
    {
        const string Table = "CREATE TABLE IF NOT EXISTS bare_readings (id uuid PRIMARY KEY, meter_id uuid NOT NULL, value numeric NOT NULL, at text NOT NULL)";
        if (provider == "sqlite")
        {
            using var sqlite = new SqliteConnection(connection);
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; " + Table;
            command.ExecuteNonQuery();
            return;
        }

        using var postgres = new NpgsqlConnection(connection);
        postgres.Open();
        using var create = new NpgsqlCommand(Table, postgres);
        create.ExecuteNonQuery();
    }

    private static async Task InsertAsync(string provider, string connection, Guid meter, decimal value)
    {
        const string Insert = "INSERT INTO bare_readings (id, meter_id, value, at) VALUES (@id, @meter, @value, @at)";
        var at = DateTimeOffset.UtcNow.ToString("O");
        if (provider == "sqlite")
        {
            await using var sqlite = new SqliteConnection(connection);
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            // Waiting for the write lock inside SQLite, as the host does: the driver's own retry sleeps 150 ms.
            command.CommandText = "PRAGMA busy_timeout = 30000; " + Insert;
            command.Parameters.AddWithValue("@id", Guid.NewGuid().ToString());
            command.Parameters.AddWithValue("@meter", meter.ToString());
            command.Parameters.AddWithValue("@value", value);
            command.Parameters.AddWithValue("@at", at);
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var postgres = new NpgsqlConnection(connection);
        await postgres.OpenAsync();
        await using var insert = new NpgsqlCommand(Insert, postgres);
        insert.Parameters.AddWithValue("id", Guid.NewGuid());
        insert.Parameters.AddWithValue("meter", meter);
        insert.Parameters.AddWithValue("value", value);
        insert.Parameters.AddWithValue("at", at);
        await insert.ExecuteNonQueryAsync();
    }

    private static string Argument(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is missing");
}

public sealed record BareReading(decimal Index, bool ConfirmWarnings = false);
