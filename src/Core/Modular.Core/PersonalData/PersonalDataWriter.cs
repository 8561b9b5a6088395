using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Modular.Core.Documents;
using Modular.Core.Json;

namespace Modular.Core.PersonalData;

/// <summary>One file of the archive, as the manifest lists it.</summary>
public sealed record PersonalDataFile(string Path, string Section, string Format, string Description, long? Rows);

/// <summary>
/// Writes one section's files into the archive: JSON (camelCase, ISO dates, invariant numbers) or CSV (invariant
/// culture, one header row; a text field starting with = + - @, a tab or CR is prefixed with ' so a spreadsheet shows it
/// instead of running it). Entries are written one after the other, straight into the ZIP.
/// </summary>
public sealed class PersonalDataWriter
{
    private static readonly CsvWriterOptions CsvOptions = CsvFiles.Options;

    internal static readonly JsonSerializerOptions JsonOptions = new(ModularJson.Options) { WriteIndented = true };

    private readonly ZipArchive _zip;
    private readonly List<PersonalDataFile> _files;

    internal PersonalDataWriter(ZipArchive zip, string section, List<PersonalDataFile> files)
    {
        _zip = zip;
        Section = section;
        _files = files;
    }

    /// <summary>The section's folder.</summary>
    public string Section { get; }

    /// <summary>Writes <paramref name="value"/> (an <see cref="IAsyncEnumerable{T}"/> streams) as <c>{section}/{file}</c>.</summary>
    public async Task WriteJsonAsync<T>(string file, string description, T value, CancellationToken cancellationToken)
    {
        var path = PathOf(file, ".json");
        await using (var stream = _zip.CreateEntry(path, CompressionLevel.Optimal).Open())
        {
            await JsonSerializer.SerializeAsync(stream, value, JsonOptions, cancellationToken);
        }

        _files.Add(new PersonalDataFile(path, Section, "json", description, null));
    }

    /// <summary>Writes a header row and one row per item as <c>{section}/{file}</c>; answers the number of rows.</summary>
    public async Task<long> WriteCsvAsync<T>(string file, string description, IReadOnlyList<string> header, IAsyncEnumerable<T> rows,
        Func<T, IEnumerable<string?>> fields, CancellationToken cancellationToken)
    {
        var path = PathOf(file, ".csv");
        long count = 0;
        await using (var stream = _zip.CreateEntry(path, CompressionLevel.Optimal).Open())
        await using (var text = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            using (var csv = CsvWriter.Create(text, CsvOptions, leaveOpen: true))
            {
                foreach (var name in header)
                {
                    csv.WriteField(name);
                }

                csv.EndRecord();
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    foreach (var field in fields(row))
                    {
                        csv.WriteField(field ?? string.Empty);
                    }

                    csv.EndRecord();
                    count++;
                }
            }

            await text.FlushAsync(cancellationToken);
        }

        _files.Add(new PersonalDataFile(path, Section, "csv", description, count));
        return count;
    }

    /// <summary>An amount as the archive writes it: invariant culture, at least two decimals (<c>1234.50</c>).</summary>
    public static string Amount(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);

    private string PathOf(string file, string extension)
    {
        if (string.IsNullOrWhiteSpace(file) || file.Contains('/') || file.Contains('\\') || file.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{file}' is not a file name of section '{Section}'.", nameof(file));
        }

        var name = file.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? file : file + extension;
        var path = Section + "/" + name;
        if (_files.Any(f => f.Path == path))
        {
            throw new InvalidOperationException($"Section '{Section}' wrote '{path}' twice.");
        }

        return path;
    }
}
