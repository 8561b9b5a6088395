using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments.Suspense;

/// <summary>Staff see unmatched money and assign it to a customer, once (version token plus a unique key per item).</summary>
internal sealed class SuspenseHandlers(PaymentsDbContext db, IMediator mediator, ICurrentUser user, UtilityClock clock) :
    IRequestHandler<ListSuspense, Result<IReadOnlyList<SuspenseEntry>>>,
    IRequestHandler<AssignSuspense, Result<Guid>>
{
    public async Task<Result<IReadOnlyList<SuspenseEntry>>> Handle(ListSuspense request, CancellationToken cancellationToken)
    {
        var query = db.Suspense.AsNoTracking();
        if (request.OpenOnly)
        {
            query = query.Where(s => s.Status == SuspenseStatus.Open);
        }

        var items = await query.OrderBy(s => s.CreatedAt).Take(10_000).ToListAsync(cancellationToken);
        return items.Select(s => new SuspenseEntry(s.Id, s.Source, s.Money, s.ValueDate, s.Reference, s.Payer, s.Reason, s.Status, s.PaymentId)).ToList();
    }

    public async Task<Result<Guid>> Handle(AssignSuspense request, CancellationToken cancellationToken)
    {
        var item = await db.Suspense.SingleOrDefaultAsync(s => s.Id == request.SuspenseId, cancellationToken);
        if (item is null)
        {
            return Result<Guid>.Failure(PaymentErrors.SuspenseNotFound);
        }

        var customer = await mediator.Send(new FindCustomerByClientCode(request.ClientCode ?? string.Empty), cancellationToken);
        if (customer.IsFailure)
        {
            return Result<Guid>.Failure(PaymentErrors.CustomerNotFound, "ClientCode");
        }

        var invoiceIds = request.InvoiceIds ?? [];
        if (invoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(invoiceIds), cancellationToken);
            if (invoices.IsFailure || invoiceIds.Any(id => !invoices.Value.Any(i => i.InvoiceId == id && i.CustomerId == customer.Value.CustomerId)))
            {
                return Result<Guid>.Failure(PaymentErrors.InvoiceNotFound, "InvoiceIds");
            }
        }

        var paymentId = SequentialId.New(clock.Now);
        if (!item.Assign(paymentId, user.StaffId ?? user.UserId, clock.Now))
        {
            return Result<Guid>.Failure(PaymentErrors.SuspenseNotOpen);
        }

        var channel = item.Source.StartsWith("partner:", StringComparison.Ordinal) ? PaymentChannel.Partner : PaymentChannel.BankTransfer;
        var payment = Payment.Received(paymentId, SequentialId.NewReference(clock.Now), AllocationPlan.ForCustomer(customer.Value.CustomerId, item.Money, invoiceIds),
            channel, item.ValueDate, clock.Now, "suspense:" + item.Id, item.Source, item.Reference, item.ImportId);
        db.Payments.Add(payment);
        foreach (var settled in payment.SettledEvents(clock.Now))
        {
            db.Publish(settled);
        }

        return await db.SaveOrConflictAsync(paymentId, new Error(PaymentErrors.SuspenseNotOpen), DbConflict.Taken, cancellationToken);
    }
}
