using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Messaging;
using Modular.Core.Results;

namespace Modular.Billing.Imports;

[OwnTransactions]
internal sealed class ImportInvoicesHandler(ImportService service) : IRequestHandler<ImportInvoices, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(ImportInvoices request, CancellationToken cancellationToken) =>
        await service.ImportAsync(ImportService.ParseCsv(request.Csv ?? string.Empty), cancellationToken);
}

[OwnTransactions]
internal sealed class ImportInvoicesFromSourceHandler(ImportService service, IEnumerable<IInvoiceImportSource> sources)
    : IRequestHandler<ImportInvoicesFromSource, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(ImportInvoicesFromSource request, CancellationToken cancellationToken)
    {
        var source = sources.LastOrDefault();
        if (source is null)
        {
            return Result<ImportReport>.Failure(BillingErrors.ImportSourceMissing);
        }

        return await service.ImportAsync(Rows(source, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<(int Line, ImportedInvoice? Invoice, string? Error)> Rows(IInvoiceImportSource source,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0;
        await foreach (var invoice in source.ReadAsync(cancellationToken))
        {
            yield return (++line, invoice, null);
        }
    }
}
