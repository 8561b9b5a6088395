using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Results;

namespace Modular.Accounts.Import;

/// <summary>
/// Imports the CSV, or the integrator's <see cref="ICustomerDirectorySource"/> when no CSV is given. Batches are saved as
/// they go (a large file does not sit in one transaction); running the same import again changes nothing.
/// </summary>
[OwnTransactions]
internal sealed class ImportCustomersHandler(
    CustomerUpserter upserter, ICurrentUser caller, IEnumerable<ICustomerDirectorySource> sources, ILogger<ImportCustomersHandler> logger)
    : IRequestHandler<ImportCustomers, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(ImportCustomers request, CancellationToken cancellationToken)
    {
        ImportReport report;
        if (request.Csv is { } stream)
        {
            await using var csv = CsvCustomerReader.Open(stream);
            if (await CsvCustomerReader.MissingColumnsAsync(csv, cancellationToken) is { Count: > 0 } missing)
            {
                var columns = string.Join(", ", missing);
                return Result<ImportReport>.Failure(Error.Of(ImportErrors.ColumnsMissing, nameof(request.Csv), ("columns", columns)));
            }

            report = await upserter.UpsertAsync(CsvCustomerReader.ReadAsync(csv, cancellationToken), caller.Culture, cancellationToken);
        }
        else
        {
            var source = sources.LastOrDefault();
            if (source is null)
            {
                return Result<ImportReport>.Failure(ImportErrors.SourceMissing, nameof(request.Csv));
            }

            report = await upserter.UpsertAsync(FromSource(source, cancellationToken), caller.Culture, cancellationToken);
        }

        logger.LogInformation("Customer import: {Created} created, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected",
            report.Created, report.Updated, report.Unchanged, report.Rejected.Count);
        return report;
    }

    internal static async IAsyncEnumerable<ParsedRow> FromSource(ICustomerDirectorySource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var row = 0;
        await foreach (var value in source.ReadAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            row++;
            yield return new ParsedRow(row, value.ClientCode, value, null);
        }
    }
}
