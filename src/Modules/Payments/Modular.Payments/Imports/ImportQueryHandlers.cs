using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Money;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Imports;

/// <summary>The latest imports, newest first.</summary>
internal sealed class ListImportsHandler(PaymentsDbContext db) : IRequestHandler<ListImports, Result<IReadOnlyList<ImportSummary>>>
{
    public async Task<Result<IReadOnlyList<ImportSummary>>> Handle(ListImports request, CancellationToken cancellationToken)
    {
        var imports = await db.Imports.AsNoTracking().OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id)
            .Take(Math.Clamp(request.Take, 1, 1_000)).ToListAsync(cancellationToken);
        return imports.Select(Summary).ToList();
    }

    internal static ImportSummary Summary(PaymentImport i) =>
        new(i.Id, i.Kind, i.Source, i.FileName, i.ImportedAt, i.Total, i.Matched, i.Unmatched, i.Duplicates, i.Rejected);
}

/// <summary>One import and its report lines in file order.</summary>
internal sealed class GetImportHandler(PaymentsDbContext db) : IRequestHandler<GetImport, Result<ImportDetails>>
{
    public async Task<Result<ImportDetails>> Handle(GetImport request, CancellationToken cancellationToken)
    {
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.ImportId, cancellationToken);
        if (import is null)
        {
            return Result<ImportDetails>.Failure(PaymentsErrors.ImportNotFound);
        }

        var lines = await db.ImportLines.AsNoTracking().Where(l => l.ImportId == import.Id)
            .OrderBy(l => l.Line).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        return new ImportDetails(ListImportsHandler.Summary(import), lines.Select(l => new ImportLineReport(l.Line, l.Key, l.Outcome,
            l.Amount is { } amount && l.Currency is { } currency ? Money.Of(amount, currency) : null, l.Reference, l.Reason)).ToList());
    }
}
