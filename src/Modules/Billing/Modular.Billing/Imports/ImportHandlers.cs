using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Billing.Imports;

internal sealed class ImportInvoicesHandler(ImportService service, ICurrentUser user) : IRequestHandler<ImportInvoices, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(ImportInvoices request, CancellationToken cancellationToken) =>
        user.IsSystem
            ? await service.ImportAsync(ImportService.ParseCsv(request.Csv ?? string.Empty), cancellationToken)
            : Result<ImportReport>.Failure(BillingErrors.SystemOnly);
}

internal sealed class ImportInvoicesFromSourceHandler(ImportService service, ICurrentUser user, IEnumerable<IInvoiceImportSource> sources)
    : IRequestHandler<ImportInvoicesFromSource, Result<ImportReport>>
{
    public async Task<Result<ImportReport>> Handle(ImportInvoicesFromSource request, CancellationToken cancellationToken)
    {
        if (!user.IsSystem)
        {
            return Result<ImportReport>.Failure(BillingErrors.SystemOnly);
        }

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
