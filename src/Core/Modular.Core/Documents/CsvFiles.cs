using System.Globalization;
using CsvHelper;

namespace Modular.Core.Documents;

/// <summary>
/// How every CSV export is written: one header row, values formatted invariantly by the caller, and a text field that
/// starts with = + - @, a tab or CR prefixed with ' so a spreadsheet shows it instead of running it as a formula
/// (an imported contract number or a meter serial is not ours to trust).
/// </summary>
public static class CsvFiles
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<string> header, Action<CsvWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(write);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var name in header)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                write(csv, row);
                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
