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
            .WithErrorCode(PaymentsErrors.UnknownPartner);
        RuleFor(c => c.Content).NotNull().WithErrorCode(PaymentsErrors.CsvInvalid);
    }
}

/// <summary>A collection partner's CSV, as staff or a system job; an unreadable file is refused whole and stores nothing.</summary>
[OwnTransactions]
internal sealed class ImportPartnerFileHandler(PaymentsDbContext db, ImportWriter writer, IOptions<PaymentsOptions> options, ILogger<ImportPartnerFileHandler> logger) :
    IRequestHandler<ImportPartnerFile, Result<ImportReport>>
{
    public Task<Result<ImportReport>> Handle(ImportPartnerFile request, CancellationToken cancellationToken)
    {
        var format = options.Value.Partners[request.Partner];
        return ImportAttempt.RunAsync(db, logger, request.Content, PaymentsErrors.CsvInvalid, token => writer.WriteAsync("partner", "partner:" + request.Partner.ToLowerInvariant(),
            request.FileName ?? string.Empty, PaymentChannel.Partner, PartnerCsvReader.Read(request.Content, request.Partner, format, options.Value.Currency), token),
            cancellationToken);
    }
}
