using System.Globalization;
using CsvHelper;
using Modular.Payments.Domain;
using NodaTime;
using NodaTime.Text;

namespace Modular.Payments.Imports;

/// <summary>Reads a partner's CSV with CsvHelper by the partner's configured column names; a bad row is reported, the rest read on.</summary>
internal static class PartnerCsvReader
{
    public static IEnumerable<IncomingLine> Read(Stream stream, string partner, PartnerFileFormat format, string defaultCurrency)
    {
        var options = new CsvReaderOptions
        {
            Separator = format.Delimiter[0],
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
        };
        using var csv = CsvReader.Create(stream, options, true);
        bool any;
        try
        {
            any = csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new ImportFormatException("Unreadable CSV: " + ex.Message);
        }

        int Column(string name) => csv.TryGetFieldIndex(name.Trim().ToLowerInvariant(), out var index) ? index : -1;
        var reference = Column(format.Reference);
        var amount = Column(format.Amount);
        var date = Column(format.Date);
        var transaction = Column(format.TransactionId);
        var terminal = string.IsNullOrEmpty(format.Terminal) ? -1 : Column(format.Terminal);
        var currency = string.IsNullOrEmpty(format.Currency) ? -1 : Column(format.Currency);
        if (csv.Headers.Count == 0 || reference < 0 || amount < 0 || date < 0 || transaction < 0)
        {
            throw new ImportFormatException($"Missing columns: expected '{format.Reference}', '{format.Amount}', '{format.Date}', '{format.TransactionId}'.");
        }

        var numbers = new NumberFormatInfo { NumberDecimalSeparator = format.DecimalSeparator, NumberGroupSeparator = format.DecimalSeparator == "," ? "." : "," };
        var datePattern = LocalDatePattern.CreateWithInvariantCulture(format.DateFormat);
        var keyPrefix = "partner:" + partner.ToLowerInvariant() + ":";
        // Row numbers as a spreadsheet shows them: the header is row 1.
        var row = 1;
        while (any)
        {
            row++;
            IncomingLine line;
            try
            {
                line = Row(csv, row, keyPrefix, reference, amount, date, transaction, terminal, currency, numbers, datePattern, defaultCurrency);
            }
            catch (CsvFormatException)
            {
                line = IncomingLine.Rejected(row, keyPrefix + "row:" + row.ToString(CultureInfo.InvariantCulture), PaymentsErrors.MissingField);
            }

            yield return line;
            try
            {
                any = csv.Read();
            }
            catch (CsvFormatException ex)
            {
                throw new ImportFormatException($"Unreadable CSV after line {row}: {ex.Message}");
            }
        }
    }

    private static IncomingLine Row(CsvReader csv, int row, string keyPrefix, int reference, int amount, int date, int transaction, int terminal,
        int currency, NumberFormatInfo numbers, LocalDatePattern datePattern, string defaultCurrency)
    {
        var id = Field(csv, transaction);
        if (string.IsNullOrEmpty(id))
        {
            return IncomingLine.Rejected(row, keyPrefix + "row:" + row.ToString(CultureInfo.InvariantCulture), PaymentsErrors.MissingField);
        }

        var key = keyPrefix + id;
        var code = currency >= 0 && Field(csv, currency) is { Length: > 0 } c ? c.ToUpperInvariant() : defaultCurrency;
        if (!Core.Money.Currency.TryParse(code, out var parsedCurrency))
        {
            return IncomingLine.Rejected(row, key, PaymentsErrors.BadAmount);
        }

        if (!decimal.TryParse(Field(csv, amount), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, numbers, out var value)
            || Core.Money.MoneyRounding.Round(value, parsedCurrency) <= 0m)
        {
            return IncomingLine.Rejected(row, key, PaymentsErrors.BadAmount);
        }

        var day = datePattern.Parse(Field(csv, date) ?? string.Empty);
        if (!day.Success)
        {
            return IncomingLine.Rejected(row, key, PaymentsErrors.BadDate);
        }

        var text = Field(csv, reference);
        return new IncomingLine(row, key, null, true, false, true, Core.Money.MoneyRounding.Round(value, parsedCurrency), parsedCurrency.Code, day.Value,
            string.IsNullOrEmpty(text) ? null : text, null, null, terminal >= 0 ? Field(csv, terminal) : null);
    }

    private static string? Field(CsvReader csv, int index) => index < csv.FieldCount ? csv.GetString(index).Trim() : null;
}
