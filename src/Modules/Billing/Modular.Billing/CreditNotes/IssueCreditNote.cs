using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Messaging;
using Modular.Core.Money;
using Modular.Core.Outbox;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Billing.CreditNotes;

internal sealed class IssueCreditNoteValidator : AbstractValidator<IssueCreditNote>
{
    /// <summary>CIUS-RO allows 300 characters in a note (BT-22).</summary>
    public const int MaxNote = 300;

    public IssueCreditNoteValidator()
    {
        RuleFor(c => c.Lines).Must(l => l is { Count: > 0 }).When(c => c.Reason == CreditNoteReason.Correction)
            .WithErrorCode(BillingErrors.CreditLinesRequired);
        RuleFor(c => c.Lines).Must(l => l is null || l.Select(x => x.Line).Distinct().Count() == l.Count).WithErrorCode(BillingErrors.CreditLinesRepeated);
        RuleFor(c => c.Note).MaximumLength(MaxNote).WithErrorCode(BillingErrors.CreditNoteTooLong);
        RuleFor(c => c.RequestId).NotEmpty().WithErrorCode(Core.Results.CoreErrors.Invalid);
    }
}

/// <summary>
/// Issues a credit note in one transaction: the next number of the credit note series (its row locked, so numbers stay
/// gapless), the credit note, what it takes off the invoice, the payments it frees (the newest allocations are undone
/// first and their money becomes the customer's credit) and the <see cref="CreditNoteIssued"/> event. A payment or another
/// credit note changing the invoice meanwhile (version token), or the same request racing (unique request id), makes it
/// start again; the same request id later answers the first credit note.
/// </summary>
[OwnTransactions]
internal sealed class IssueCreditNoteHandler(BillingDbContext db, UtilityClock clock, IOptions<BillingOptions> options,
    ILogger<IssueCreditNoteHandler> logger) : IRequestHandler<IssueCreditNote, Result<CreditNoteSummary>>
{
    private const int Attempts = 4;

    public async Task<Result<CreditNoteSummary>> Handle(IssueCreditNote request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.RequestId == request.RequestId, cancellationToken) is { } done)
            {
                return done.ToSummary();
            }

            var owned = db.Database.CurrentTransaction is null;
            await using var transaction = owned ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                var result = await IssueAsync(request, cancellationToken);
                if (result.IsFailure)
                {
                    db.ChangeTracker.Clear();
                    return result;
                }

                await db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return result;
            }
            catch (Exception ex) when (owned && attempt < Attempts
                && (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex) || DbErrors.IsTransient(ex)))
            {
                await transaction!.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                logger.LogInformation("Credit note for invoice {InvoiceId} started again ({Attempt}): {Message}", request.InvoiceId, attempt, ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return Result<CreditNoteSummary>.Failure(BillingErrors.ConcurrentUpdate);
            }
        }
    }

    private async Task<Result<CreditNoteSummary>> IssueAsync(IssueCreditNote request, CancellationToken cancellationToken)
    {
        var series = options.Value.CreditNoteSeries;
        var sequence = await SeriesCounter.NextAsync(db, series, cancellationToken);
        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == request.InvoiceId, cancellationToken);
        if (invoice is null)
        {
            return Result<CreditNoteSummary>.Failure(BillingErrors.InvoiceNotFound, nameof(request.InvoiceId));
        }

        if (invoice.Status == InvoiceStatus.Cancelled)
        {
            return Result<CreditNoteSummary>.Failure(BillingErrors.InvoiceCancelled, nameof(request.InvoiceId));
        }

        var lines = invoice.Lines;
        if (invoice.Source != InvoiceSource.Run || lines.Count == 0)
        {
            // An ERP's invoice is credited by the ERP, which knows its lines.
            return Result<CreditNoteSummary>.Failure(BillingErrors.InvoiceNotCreditable, nameof(request.InvoiceId));
        }

        var earlier = await db.CreditNotes.AsNoTracking().Where(c => c.InvoiceId == invoice.Id).Select(c => c.LinesJson).ToListAsync(cancellationToken);
        var plan = CreditNotePlanner.Plan(lines, earlier.SelectMany(CreditedLine.Parse), request.Reason, request.Lines, invoice.Currency);
        if (plan.IsFailure)
        {
            return Result<CreditNoteSummary>.From(plan);
        }

        var credited = plan.Value;
        var today = clock.Today;
        var note = new CreditNote
        {
            Id = Guid.CreateVersion7(),
            Series = series,
            Sequence = sequence,
            Number = InvoiceFactory.FormatNumber(series, sequence),
            RequestId = request.RequestId,
            InvoiceId = invoice.Id,
            InvoiceNumber = invoice.Number,
            InvoiceIssueDate = invoice.IssueDate,
            CustomerId = invoice.CustomerId,
            ContractId = invoice.ContractId,
            ContractNumber = invoice.ContractNumber,
            ClientCode = invoice.ClientCode,
            CustomerName = invoice.CustomerName,
            ServiceAddress = invoice.ServiceAddress,
            Period = invoice.Period,
            IssueDate = today,
            Reason = request.Reason,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Currency = invoice.Currency,
            Net = credited.Sum(c => c.Line.Net),
            Vat = credited.Sum(c => c.Line.Vat),
            Total = credited.Sum(c => c.Line.Total),
            LinesJson = CreditedLine.Serialize(credited),
            CreatedAt = clock.Now,
        };
        db.CreditNotes.Add(note);

        invoice.Credited += note.Total;
        await FreeOverpaymentAsync(invoice, cancellationToken);
        if (request.Reason == CreditNoteReason.Reversal || invoice.Total - invoice.Credited <= 0m)
        {
            invoice.Status = InvoiceStatus.Cancelled;
            invoice.Version = Guid.NewGuid();
        }
        else
        {
            invoice.RefreshStatus(today);
        }

        db.Publish(new CreditNoteIssued(Guid.CreateVersion7(), clock.Now, note.Id, note.Number, invoice.Id, invoice.CustomerId,
            new Money(note.Total, note.Currency)));
        return note.ToSummary();
    }

    /// <summary>
    /// What was paid beyond what the invoice still asks goes back to the payments that paid it, newest allocation first,
    /// as their unallocated money: the customer's credit. Money is moved, never dropped.
    /// </summary>
    private async Task FreeOverpaymentAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        var excess = invoice.Paid - Math.Max(0m, invoice.Total - invoice.Credited);
        if (excess <= 0m)
        {
            return;
        }

        var allocations = await db.Allocations.Where(a => a.InvoiceId == invoice.Id).ToListAsync(cancellationToken);
        var paymentIds = allocations.Select(a => a.PaymentId).Distinct().ToList();
        var payments = await db.Payments.Where(p => paymentIds.Contains(p.PaymentId)).ToDictionaryAsync(p => p.PaymentId, cancellationToken);
        foreach (var allocation in allocations.OrderByDescending(a => payments[a.PaymentId].ReceivedAt).ThenByDescending(a => a.Position))
        {
            if (excess <= 0m)
            {
                break;
            }

            var undo = Math.Min(excess, allocation.Amount);
            allocation.Amount -= undo;
            excess -= undo;
            invoice.Paid -= undo;
            var payment = payments[allocation.PaymentId];
            payment.Unallocated += undo;
            payment.Version = Guid.NewGuid();
            if (allocation.Amount == 0m)
            {
                db.Allocations.Remove(allocation);
            }
        }

        invoice.Version = Guid.NewGuid();
    }
}
