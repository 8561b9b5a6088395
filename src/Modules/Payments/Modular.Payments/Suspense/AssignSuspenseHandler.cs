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

/// <summary>Staff assign unmatched money to a customer, once (version token plus a unique key per item).</summary>
internal sealed class AssignSuspenseHandler(PaymentsDbContext db, IMediator mediator, ICurrentUser user, UtilityClock clock) : IRequestHandler<AssignSuspense, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(AssignSuspense request, CancellationToken cancellationToken)
    {
        var item = await db.Suspense.SingleOrDefaultAsync(s => s.Id == request.SuspenseId, cancellationToken);
        if (item is null)
        {
            return Result<Guid>.Failure(PaymentsErrors.SuspenseNotFound);
        }

        var customer = await mediator.Send(new FindCustomerByClientCode(request.ClientCode ?? string.Empty), cancellationToken);
        if (customer.IsFailure)
        {
            return Result<Guid>.Failure(PaymentsErrors.CustomerNotFound, "ClientCode");
        }

        var invoiceIds = request.InvoiceIds ?? [];
        if (invoiceIds.Count > 0)
        {
            var invoices = await mediator.Send(new GetInvoicesByIds(invoiceIds), cancellationToken);
            if (invoices.IsFailure || invoiceIds.Any(id => !invoices.Value.Any(i => i.InvoiceId == id && i.CustomerId == customer.Value.CustomerId)))
            {
                return Result<Guid>.Failure(PaymentsErrors.InvoiceNotFound, "InvoiceIds");
            }
        }

        var paymentId = SequentialId.New(clock.Now);
        if (!item.Assign(paymentId, user.StaffId ?? user.UserId, clock.Now))
        {
            return Result<Guid>.Failure(PaymentsErrors.SuspenseNotOpen);
        }

        var channel = item.Source.StartsWith("partner:", StringComparison.Ordinal) ? PaymentChannel.Partner : PaymentChannel.BankTransfer;
        var payment = Payment.Received(paymentId, SequentialId.NewReference(clock.Now), AllocationPlan.ForCustomer(customer.Value.CustomerId, item.Money, invoiceIds),
            channel, item.ValueDate, clock.Now, "suspense:" + item.Id, item.Source, item.Reference, item.ImportId);
        db.Payments.Add(payment);
        foreach (var settled in payment.SettledEvents(clock.Now))
        {
            db.Publish(settled);
        }

        return await db.SaveOrConflictAsync(paymentId, new Error(PaymentsErrors.SuspenseNotOpen), DbConflict.Taken, cancellationToken);
    }
}
