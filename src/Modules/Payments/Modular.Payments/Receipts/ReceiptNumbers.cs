using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Modular.Core.Persistence;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Receipts;

/// <summary>
/// Receipt numbers: one gapless sequence per series (<see cref="PaymentsOptions.ReceiptSeries"/>), "R 000001". The
/// series row is incremented inside the transaction that settles the payment and stays locked until it commits, so
/// concurrent settlements (any instance) number one after the other, a settlement rolled back or killed half-way gives
/// its number back with the payment, and a number once committed belongs to one payment for good (a unique index backs it).
/// </summary>
internal static class ReceiptNumbers
{
    public static string Format(string series, long number) => string.Create(CultureInfo.InvariantCulture, $"{series} {number:D6}");

    /// <summary>
    /// Gives each of <paramref name="payments"/> (settled, without a number) the next number of the series. Call it after
    /// the save that settled them: that save opened the command's transaction, which the numbers join.
    /// </summary>
    public static async Task AssignAsync(PaymentsDbContext db, string series, IReadOnlyList<Payment> payments, CancellationToken cancellationToken)
    {
        var pending = payments.Where(p => p.ReceiptNumber is null).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Receipt numbers are allocated inside the transaction that settles the payment.");
        var table = db.IsSqlite
            ? $"\"{ModuleNaming.TableName(PaymentsDbContext.SchemaName, PaymentsDbContext.ReceiptSeriesTable, true)}\""
            : $"\"{PaymentsDbContext.SchemaName}\".\"{PaymentsDbContext.ReceiptSeriesTable}\"";
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        // One statement creates the series or takes the block; the row lock it leaves is held to the commit.
        command.CommandText = $"INSERT INTO {table} AS rs (\"Series\", \"LastNumber\") VALUES (@s, @n) "
            + "ON CONFLICT (\"Series\") DO UPDATE SET \"LastNumber\" = rs.\"LastNumber\" + @n RETURNING \"LastNumber\"";
        var s = command.CreateParameter();
        s.ParameterName = "@s";
        s.Value = series;
        command.Parameters.Add(s);
        var n = command.CreateParameter();
        n.ParameterName = "@n";
        n.Value = (long)pending.Count;
        command.Parameters.Add(n);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var first = last - pending.Count + 1;
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].IssueReceipt(Format(series, first + i));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
