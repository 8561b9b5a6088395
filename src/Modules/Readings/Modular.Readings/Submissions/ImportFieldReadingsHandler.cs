using System.Globalization;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;
using NodaTime.Text;

namespace Modular.Readings.Submissions;

/// <summary>
/// Field readers' readings from CSV. Each row is decided and saved on its own (a bad row does not block the rest);
/// a row already imported (same serial, date and index) is a duplicate, so importing a file twice adds nothing.
/// Field readings are accepted outside the window and supersede a customer's reading of the same period.
/// </summary>
[OwnTransactions]
internal sealed class ImportFieldReadingsHandler(ReadingsDbContext db, MeterWriter writer, UtilityClock clock, IOptions<ReadingsOptions> options,
    ICurrentUser user) : IRequestHandler<ImportFieldReadings, Result<ImportReport>>
{
    private sealed record Row(int Line, string Serial, string Date, string Index);

    public async Task<Result<ImportReport>> Handle(ImportFieldReadings request, CancellationToken cancellationToken)
    {
        var rows = Parse(request.Csv);
        var calendar = new WindowCalendar(options.Value);
        var rules = new ReadingRules(options.Value);
        var rejected = new List<ImportRowError>();
        int imported = 0, duplicates = 0;
        var serials = rows.Select(r => r.Serial).Distinct().ToList();
        var meterIds = await db.Meters.Where(m => serials.Contains(m.Serial)).ToDictionaryAsync(m => m.Serial, m => m.Id, cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var row in rows)
        {
            var date = LocalDatePattern.Iso.Parse(row.Date);
            if (row.Serial.Length == 0 || !date.Success
                || !decimal.TryParse(row.Index, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var index))
            {
                rejected.Add(new ImportRowError(row.Line, row.Serial, ReadingsErrors.CsvRowInvalid));
                continue;
            }

            if (!meterIds.TryGetValue(row.Serial, out var meterId))
            {
                rejected.Add(new ImportRowError(row.Line, row.Serial, ReadingsErrors.MeterNotFound));
                continue;
            }

            // The key staff entries and inspection acts give the same reading ("123.5" however the file writes it); rows
            // imported before keys were normalised kept the file's digits ("123.50"), so both find an earlier import.
            var key = UtilityReadings.RecordMeterReadingHandler.KeyOf(row.Serial, date.Value, index, MeterReadingKind.Field);
            var asWritten = string.Create(CultureInfo.InvariantCulture, $"{row.Serial}|{date.Value:yyyy-MM-dd}|{index}");
            var period = Periods.Key(calendar.PeriodOf(date.Value));
            var result = await writer.WriteAsync<bool>(meterId, MeterHistoryWindow.For(date.Value, period, options.Value),
                state => DecideAsync(state, index, date.Value, period, key, asWritten), cancellationToken);
            if (result.IsFailure)
            {
                rejected.Add(new ImportRowError(row.Line, row.Serial, result.Error.Code));
            }
            else if (result.Value)
            {
                imported++;
            }
            else
            {
                duplicates++;
            }

            db.ChangeTracker.Clear();
        }

        return new ImportReport(rows.Count, imported, duplicates, rejected);

        // True when stored, false for a duplicate (looked up by the unique import key, whatever the row's status now).
        async Task<Result<bool>> DecideAsync(MeterState state, decimal index, LocalDate date, int period, string key, string asWritten)
        {
            if (await db.Readings.AnyAsync(r => r.ImportKey == key || r.ImportKey == asWritten, cancellationToken))
            {
                return false;
            }

            if (date > clock.Today)
            {
                return Error.Of(ReadingsErrors.DateInFuture, "Date");
            }

            var decided = rules.Decide(state.Meter, state.Readings, index, date, period, ReadingSource.FieldReader, state.ContractEndsOn);
            if (decided.IsFailure)
            {
                return Result<bool>.From(decided);
            }

            ReadingFactory.Accept(db, clock, state.Meter, decided.Value, index, date, period, ReadingSource.FieldReader, user.UserId, key);
            return true;
        }
    }

    private static List<Row> Parse(Stream csv)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(new Row((int)reader.LineNumber, Field(reader, "serial"), Field(reader, "date"), Field(reader, "index")));
        }

        return rows;
    }

    private static string Field(CsvReader reader, string name) =>
        reader.TryGetFieldIndex(name, out var index) ? reader.GetString(index) ?? string.Empty : string.Empty;
}
