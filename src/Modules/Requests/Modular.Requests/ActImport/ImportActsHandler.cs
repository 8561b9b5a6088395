using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Acts;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;
using NodaTime;
using NodaTime.Text;

namespace Modular.Requests.ActImport;

/// <summary>
/// Acts from the field system's CSV (one row per act, up to three readings in columns; format in docs/modules/requests.md),
/// with their signed PDFs from an optional zip (entries named <c>{number}.pdf</c>). Each row is decided and saved on its own,
/// so a bad row does not block the rest: an act stored with the same content is unchanged, one stored with other content is
/// reported (<c>acts.changed</c>) and left as it was, so importing a file twice or files that overlap stores each act once.
/// </summary>
[OwnTransactions]
internal sealed class ImportActsHandler(RequestsDbContext db, ActWriter writer, IMediator mediator, UtilityClock clock, IOptions<RequestsOptions> options,
    ICurrentUser user) : IRequestHandler<ImportActs, Result<ActImportReport>>
{
    public const int ReadingColumns = 3;

    private static readonly string[] Required = ["number", "contract", "type", "date", "inspector", "findings"];

    private sealed record Row(int Line, Dictionary<string, string> Fields)
    {
        public string this[string name] => Fields.GetValueOrDefault(name) ?? string.Empty;
    }

    public async Task<Result<ActImportReport>> Handle(ImportActs request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.ActDocumentMaxBytes;
        var documentsRejected = new List<ActDocumentRejection>();
        Dictionary<string, byte[]> documents;
        try
        {
            documents = ReadDocuments(request.Documents, maxBytes, documentsRejected);
        }
        catch (InvalidDataException)
        {
            return Error.Of(RequestsErrors.ActDocumentsInvalid, "Documents");
        }

        var rows = Parse(request.Csv);
        if (rows is null)
        {
            return Error.Of(RequestsErrors.ActCsvInvalid, "Csv");
        }

        var contracts = await ContractsAsync(rows.Select(r => r["contract"]), cancellationToken);
        if (contracts.IsFailure)
        {
            return Result<ActImportReport>.From(contracts);
        }

        var rejected = new List<ActImportRowError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        int imported = 0, unchanged = 0, attached = 0;
        var today = clock.Today;
        foreach (var row in rows)
        {
            var number = row["number"];
            var act = ToAct(row, documents, out var unreadable);
            if (unreadable is not null)
            {
                rejected.Add(new ActImportRowError(row.Line, number, unreadable));
                continue;
            }

            var errors = ActRules.Check(act!, today, maxBytes);
            var document = errors.FirstOrDefault(e => e.Field == "Document");
            if (document is not null)
            {
                // The act is imported without the document; the document is reported (a later import may bring a good one).
                documentsRejected.Add(new ActDocumentRejection(number + ".pdf", document.Code));
                errors.Remove(document);
                act = act! with { Document = null };
            }

            if (errors.Count > 0)
            {
                rejected.Add(new ActImportRowError(row.Line, number, errors[0].Code));
                continue;
            }

            act = ActRules.Normalized(act!);
            if (!contracts.Value.TryGetValue(act.ContractNumber, out var contract))
            {
                rejected.Add(new ActImportRowError(row.Line, act.Number, RequestsErrors.ActContractNotFound));
                continue;
            }

            var fingerprint = Domain.Act.FingerprintOf(contract.ContractNumber, act.Type, act.RegisteredOn, act.Inspector, act.Findings, act.Readings);
            if (seen.TryGetValue(act.Number, out var earlier))
            {
                if (earlier != fingerprint)
                {
                    rejected.Add(new ActImportRowError(row.Line, act.Number, RequestsErrors.ActDuplicateInFile));
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            seen[act.Number] = fingerprint;
            var outcome = await StoreAsync(act, contract, cancellationToken);
            switch (outcome)
            {
                case (ActWriteOutcome.Changed, _):
                    rejected.Add(new ActImportRowError(row.Line, act.Number, RequestsErrors.ActChanged));
                    break;
                case (ActWriteOutcome.Stored, var withDocument):
                    imported++;
                    attached += withDocument ? 1 : 0;
                    break;
                case (ActWriteOutcome.Unchanged, var withDocument):
                    unchanged++;
                    attached += withDocument ? 1 : 0;
                    break;
            }
        }

        var inFile = rows.Select(r => r["number"]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in documents.Keys.Where(n => !inFile.Contains(n)).Order(StringComparer.Ordinal))
        {
            documentsRejected.Add(new ActDocumentRejection(name + ".pdf", RequestsErrors.ActDocumentUnmatched));
        }

        return new ActImportReport(rows.Count, imported, unchanged, attached, rejected, documentsRejected);
    }

    /// <summary>Saves one act on its own; a concurrent import that stored the number first is compared with, like a stored act.</summary>
    private async Task<(ActWriteOutcome Outcome, bool DocumentAdded)> StoreAsync(RegisterAct act, ContractSummary contract, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var (outcome, _, documentAdded) = await writer.AddAsync(act, contract, ActSource.Import, user.StaffId, cancellationToken);
            if (!db.ChangeTracker.HasChanges())
            {
                return (outcome, false);
            }

            var saved = await db.SaveOrConflictAsync(Error.Of(RequestsErrors.ActChanged), DbConflict.UniqueViolation, cancellationToken);
            db.ChangeTracker.Clear();
            if (saved.IsSuccess)
            {
                return (outcome, documentAdded);
            }

            if (attempt > 0)
            {
                return (ActWriteOutcome.Changed, false);
            }
        }
    }

    private async Task<Result<Dictionary<string, ContractSummary>>> ContractsAsync(IEnumerable<string> numbers, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ContractSummary>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var page = await mediator.Send(new FindContractsByNumber(chunk), cancellationToken);
            if (page.IsFailure)
            {
                return Result<Dictionary<string, ContractSummary>>.From(page);
            }

            foreach (var contract in page.Value)
            {
                found[contract.ContractNumber] = contract;
            }
        }

        return found;
    }

    /// <summary>The row as the act it describes, or the reason it cannot be read (a bad date, an unknown type, a bad index).</summary>
    private static RegisterAct? ToAct(Row row, Dictionary<string, byte[]> documents, out string? unreadable)
    {
        unreadable = null;
        if (Required.Any(name => row[name].Length == 0))
        {
            unreadable = row["contract"].Length == 0 ? RequestsErrors.ActContractRequired
                : row["type"].Length == 0 ? RequestsErrors.ActTypeInvalid
                : row["date"].Length == 0 ? RequestsErrors.ActDateInvalid
                : row["number"].Length == 0 ? RequestsErrors.ActNumberRequired
                : row["inspector"].Length == 0 ? RequestsErrors.ActInspectorRequired
                : RequestsErrors.ActFindingsRequired;
            return null;
        }

        var date = LocalDatePattern.Iso.Parse(row["date"]);
        if (!date.Success)
        {
            unreadable = RequestsErrors.ActDateInvalid;
            return null;
        }

        if (ParseType(row["type"]) is not { } type)
        {
            unreadable = RequestsErrors.ActTypeInvalid;
            return null;
        }

        var readings = new List<ActReadingTaken>();
        for (var i = 1; i <= ReadingColumns; i++)
        {
            var serial = row[$"serial{i}"];
            var index = row[$"index{i}"];
            var readOn = row[$"date{i}"];
            if (serial.Length == 0 && index.Length == 0 && readOn.Length == 0)
            {
                continue;
            }

            if (serial.Length == 0)
            {
                unreadable = RequestsErrors.ActReadingSerialRequired;
                return null;
            }

            if (!decimal.TryParse(index, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                unreadable = RequestsErrors.ActReadingIndexInvalid;
                return null;
            }

            var readDate = readOn.Length == 0 ? date : LocalDatePattern.Iso.Parse(readOn);
            if (!readDate.Success)
            {
                unreadable = RequestsErrors.ActReadingDateInvalid;
                return null;
            }

            readings.Add(new ActReadingTaken(serial, readDate.Value, value));
        }

        var number = row["number"];
        var document = documents.TryGetValue(number, out var bytes) ? new ActDocumentUpload(number + ".pdf", bytes) : null;
        return new RegisterAct(number, row["contract"], type, date.Value, row["inspector"], row["findings"], readings, document);
    }

    /// <summary>The field system's code (<c>verification</c>, <c>connection_check</c> …) or the type's name, in any case.</summary>
    internal static ActType? ParseType(string text)
    {
        var name = text.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.GetValues<ActType>().Cast<ActType?>().FirstOrDefault(t => string.Equals(t.ToString(), name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The rows with their 1-based line; null when the header lacks a required column.</summary>
    private static List<Row>? Parse(Stream csv)
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
        var names = Required.Concat(Enumerable.Range(1, ReadingColumns).SelectMany(i => new[] { $"serial{i}", $"index{i}", $"date{i}" })).ToList();
        while (reader.Read())
        {
            if (rows.Count == 0 && Required.Any(name => !reader.TryGetFieldIndex(name, out _)))
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                fields[name] = reader.TryGetFieldIndex(name, out var index) ? (reader.GetString(index) ?? string.Empty).Trim() : string.Empty;
            }

            if (fields.Values.All(v => v.Length == 0))
            {
                continue;
            }

            rows.Add(new Row((int)reader.LineNumber, fields));
        }

        return rows;
    }

    /// <summary>The zip's PDFs by act number (the entry's name without <c>.pdf</c>); too large ones are reported and left out.</summary>
    private static Dictionary<string, byte[]> ReadDocuments(Stream? zip, int maxBytes, List<ActDocumentRejection> rejected)
    {
        var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (zip is null)
        {
            return documents;
        }

        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0))
        {
            if (!entry.Name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                rejected.Add(new ActDocumentRejection(entry.Name, RequestsErrors.ActDocumentNotPdf));
                continue;
            }

            if (entry.Length > maxBytes)
            {
                rejected.Add(new ActDocumentRejection(entry.Name, RequestsErrors.ActDocumentTooLarge));
                continue;
            }

            using var content = entry.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            documents[Path.GetFileNameWithoutExtension(entry.Name)] = copy.ToArray();
        }

        return documents;
    }
}
