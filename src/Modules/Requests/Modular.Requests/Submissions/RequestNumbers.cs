using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Persistence;
using Modular.Requests.Persistence;

namespace Modular.Requests.Submissions;

/// <summary>
/// Human request numbers, one series per prefix and year (<c>CR-2026-000123</c>). The series row is incremented inside the
/// transaction that registers the request and stays locked until it commits, so concurrent submissions (any instance) take
/// numbers one after the other; a number is unique for good (a unique index backs it). A submission rolled back gives its
/// number back; numbers may still have gaps (a series edited by hand), and nothing relies on their having none.
/// </summary>
internal static class RequestNumbers
{
    public static string Format(string series, long number) => string.Create(CultureInfo.InvariantCulture, $"{series}-{number:D6}");

    /// <summary>The next number of <paramref name="series"/>; call it after the command's first save (whose transaction it joins).</summary>
    public static async Task<string> NextAsync(RequestsDbContext db, string series, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Request numbers are taken inside the transaction that registers the request.");
        var table = db.IsSqlite
            ? $"\"{ModuleNaming.TableName(RequestsDbContext.SchemaName, RequestsDbContext.NumberSeriesTable, true)}\""
            : $"\"{RequestsDbContext.SchemaName}\".\"{RequestsDbContext.NumberSeriesTable}\"";
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} AS ns (\"Series\", \"LastNumber\") VALUES (@s, 1) "
            + "ON CONFLICT (\"Series\") DO UPDATE SET \"LastNumber\" = ns.\"LastNumber\" + 1 RETURNING \"LastNumber\"";
        var s = command.CreateParameter();
        s.ParameterName = "@s";
        s.Value = series;
        command.Parameters.Add(s);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return Format(series, last);
    }
}
