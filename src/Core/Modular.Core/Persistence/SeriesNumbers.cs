using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Modular.Core.Persistence;

/// <summary>
/// Human number series kept in a module's own table (columns <c>Series</c>, the key, and <c>LastNumber</c>). One statement
/// creates the series or takes a block of numbers, and the row lock it leaves is held until the caller's transaction
/// commits: concurrent writers on any instance number one after the other, and a transaction rolled back or killed half-way
/// gives its numbers back. The module's unique index on the numbered rows keeps a committed number theirs for good.
/// </summary>
public static class SeriesNumbers
{
    /// <summary>
    /// Takes <paramref name="count"/> numbers of <paramref name="series"/> from <paramref name="table"/> (of the context's
    /// schema) and returns the first; call it after the command's first save, whose transaction it joins.
    /// </summary>
    public static async Task<long> TakeAsync(ModuleDbContext db, string table, string series, long count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"Numbers of '{series}' are taken inside the transaction that registers what they number.");
        var name = db.IsSqlite
            ? $"\"{ModuleNaming.TableName(db.Schema, table, true)}\""
            : $"\"{db.Schema}\".\"{table}\"";
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {name} AS ns (\"Series\", \"LastNumber\") VALUES (@s, @n) "
            + "ON CONFLICT (\"Series\") DO UPDATE SET \"LastNumber\" = ns.\"LastNumber\" + @n RETURNING \"LastNumber\"";
        var s = command.CreateParameter();
        s.ParameterName = "@s";
        s.Value = series;
        command.Parameters.Add(s);
        var n = command.CreateParameter();
        n.ParameterName = "@n";
        n.Value = count;
        command.Parameters.Add(n);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return last - count + 1;
    }
}
