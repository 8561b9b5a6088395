using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Persistence;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Billing.EInvoices.Transmission;

/// <summary>Transmissions for staff, newest first.</summary>
internal sealed class GetEInvoiceTransmissionsHandler(BillingDbContext db)
    : IRequestHandler<GetEInvoiceTransmissions, Result<IReadOnlyList<EInvoiceTransmissionInfo>>>
{
    public async Task<Result<IReadOnlyList<EInvoiceTransmissionInfo>>> Handle(GetEInvoiceTransmissions request, CancellationToken cancellationToken)
    {
        var query = db.EInvoiceTransmissions.AsNoTracking();
        if (request.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        var rows = await query.OrderByDescending(t => t.Id).Take(Math.Clamp(request.Max, 1, 1000))
            .Select(t => new { t.DocumentId, t.Kind, t.Number, t.CustomerId, t.Status, t.Attempts, t.UploadId, t.Problem, t.MessagesJson, t.CreatedAt, t.UploadedAt, t.AnsweredAt })
            .ToListAsync(cancellationToken);
        return rows.Select(t => new Domain.EInvoiceTransmission
        {
            DocumentId = t.DocumentId, Kind = t.Kind, Number = t.Number, CustomerId = t.CustomerId, Status = t.Status, Attempts = t.Attempts,
            UploadId = t.UploadId, Problem = t.Problem, MessagesJson = t.MessagesJson, CreatedAt = t.CreatedAt, UploadedAt = t.UploadedAt,
            AnsweredAt = t.AnsweredAt,
        }.ToInfo()).ToList();
    }
}

internal sealed class GetEInvoiceTransmissionHandler(BillingDbContext db) : IRequestHandler<GetEInvoiceTransmission, Result<EInvoiceTransmissionInfo>>
{
    public async Task<Result<EInvoiceTransmissionInfo>> Handle(GetEInvoiceTransmission request, CancellationToken cancellationToken)
    {
        var transmission = await db.EInvoiceTransmissions.AsNoTracking().SingleOrDefaultAsync(t => t.DocumentId == request.DocumentId, cancellationToken);
        return transmission is null
            ? Result<EInvoiceTransmissionInfo>.Failure(BillingErrors.TransmissionNotFound, nameof(request.DocumentId))
            : transmission.ToInfo();
    }
}

internal sealed class GetEInvoiceAnswerHandler(BillingDbContext db) : IRequestHandler<GetEInvoiceAnswer, Result<DocumentFile>>
{
    public async Task<Result<DocumentFile>> Handle(GetEInvoiceAnswer request, CancellationToken cancellationToken)
    {
        var answer = await db.EInvoiceTransmissions.AsNoTracking().Where(t => t.DocumentId == request.DocumentId)
            .Select(t => new { t.Answer, t.AnswerName }).SingleOrDefaultAsync(cancellationToken);
        if (answer is null)
        {
            return Result<DocumentFile>.Failure(BillingErrors.TransmissionNotFound, nameof(request.DocumentId));
        }

        if (answer.Answer is null)
        {
            return Result<DocumentFile>.Failure(BillingErrors.AnswerMissing, nameof(request.DocumentId));
        }

        var name = answer.AnswerName ?? "answer";
        var type = name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip"
            : name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? "application/xml"
            : "application/octet-stream";
        return new DocumentFile(name, type, answer.Answer);
    }
}

/// <summary>Puts a rejected or blocked document back in the queue, under a new upload key (it is a new upload).</summary>
internal sealed class RetryEInvoiceTransmissionHandler(BillingDbContext db, UtilityClock clock) : IRequestHandler<RetryEInvoiceTransmission, Result>
{
    public async Task<Result> Handle(RetryEInvoiceTransmission request, CancellationToken cancellationToken)
    {
        var transmission = await db.EInvoiceTransmissions.SingleOrDefaultAsync(t => t.DocumentId == request.DocumentId, cancellationToken);
        if (transmission is null)
        {
            return Result.Failure(BillingErrors.TransmissionNotFound, nameof(request.DocumentId));
        }

        if (transmission.Status is not (EInvoiceTransmissionStatus.Rejected or EInvoiceTransmissionStatus.Blocked))
        {
            return Result.Failure(BillingErrors.TransmissionNotRetryable, nameof(request.DocumentId));
        }

        transmission.Status = EInvoiceTransmissionStatus.Pending;
        transmission.UploadKey = Guid.NewGuid();
        transmission.UploadId = null;
        transmission.Problem = null;
        transmission.MessagesJson = "[]";
        transmission.NextAttemptAt = clock.Now;
        transmission.Version = Guid.NewGuid();
        return await db.SaveOrConflictAsync(new Error(BillingErrors.ConcurrentUpdate, nameof(request.DocumentId)), DbConflict.StaleVersion, cancellationToken);
    }
}
