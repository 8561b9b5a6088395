using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Messaging;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Imports;

internal sealed class ImportPartnerFileValidator : AbstractValidator<ImportPartnerFile>
{
    public ImportPartnerFileValidator(IOptions<PaymentsOptions> options)
    {
        RuleFor(c => c.Partner).Must(p => !string.IsNullOrWhiteSpace(p) && options.Value.Partners.ContainsKey(p))
            .WithErrorCode(PaymentErrors.UnknownPartner);
        RuleFor(c => c.Content).NotNull().WithErrorCode(PaymentErrors.CsvInvalid);
    }
}

internal sealed class ImportBankStatementValidator : AbstractValidator<ImportBankStatement>
{
    public ImportBankStatementValidator() => RuleFor(c => c.Content).NotNull().WithErrorCode(PaymentErrors.StatementInvalid);
}

/// <summary>Imports run as staff or system jobs; an unreadable file is refused whole and stores nothing.</summary>
[OwnTransactions]
internal sealed class ImportHandlers(PaymentsDbContext db, ImportWriter writer, IOptions<PaymentsOptions> options, ILogger<ImportHandlers> logger) :
    IRequestHandler<ImportBankStatement, Result<ImportReport>>,
    IRequestHandler<ImportPartnerFile, Result<ImportReport>>
{
    public Task<Result<ImportReport>> Handle(ImportBankStatement request, CancellationToken cancellationToken) =>
        RunAsync(request.Content, PaymentErrors.StatementInvalid, token => writer.WriteAsync("camt053", "bank", request.FileName ?? string.Empty,
            PaymentChannel.BankTransfer, Camt053Reader.Read(request.Content), token), cancellationToken);

    public Task<Result<ImportReport>> Handle(ImportPartnerFile request, CancellationToken cancellationToken)
    {
        var format = options.Value.Partners[request.Partner];
        return RunAsync(request.Content, PaymentErrors.CsvInvalid, token => writer.WriteAsync("partner", "partner:" + request.Partner.ToLowerInvariant(),
            request.FileName ?? string.Empty, PaymentChannel.Partner, PartnerCsvReader.Read(request.Content, request.Partner, format, options.Value.Currency), token),
            cancellationToken);
    }

    private async Task<Result<ImportReport>> RunAsync(Stream content, string invalidCode, Func<CancellationToken, Task<ImportReport>> import,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await import(cancellationToken);
            }
            catch (ImportFormatException ex)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning("Refused an import file: {Reason}", ex.Message);
                return Error.Of(invalidCode, "Content", ("reason", ex.Message));
            }
            catch (Exception ex) when (DbErrors.IsUniqueViolation(ex) && attempt == 0 && content.CanSeek)
            {
                // Another import stored some of the same lines first (EF save or bulk write): read again, they are duplicates now.
                db.ChangeTracker.Clear();
                content.Seek(0, SeekOrigin.Begin);
            }
        }
    }
}
