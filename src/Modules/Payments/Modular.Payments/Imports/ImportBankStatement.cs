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

internal sealed class ImportBankStatementValidator : AbstractValidator<ImportBankStatement>
{
    public ImportBankStatementValidator() => RuleFor(c => c.Content).NotNull().WithErrorCode(PaymentsErrors.StatementInvalid);
}

/// <summary>A camt.053 statement, as staff or a system job; an unreadable file is refused whole and stores nothing.</summary>
[OwnTransactions]
internal sealed class ImportBankStatementHandler(PaymentsDbContext db, ImportWriter writer, ILogger<ImportBankStatementHandler> logger) :
    IRequestHandler<ImportBankStatement, Result<ImportReport>>
{
    public Task<Result<ImportReport>> Handle(ImportBankStatement request, CancellationToken cancellationToken) =>
        ImportAttempt.RunAsync(db, logger, request.Content, PaymentsErrors.StatementInvalid, token => writer.WriteAsync("camt053", "bank", request.FileName ?? string.Empty,
            PaymentChannel.BankTransfer, Camt053Reader.Read(request.Content), token), cancellationToken);
}
