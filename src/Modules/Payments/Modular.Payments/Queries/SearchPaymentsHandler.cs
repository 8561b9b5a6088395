using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;

namespace Modular.Payments.Queries;

/// <summary>The back office's payment search: by reference, receipt, client code, amount or payer text, days, channel and status.</summary>
internal sealed class SearchPaymentsHandler(PaymentsDbContext db, IAccessScope access, IMediator mediator, UtilityClock clock)
    : IRequestHandler<SearchPayments, Result<IReadOnlyList<PaymentSummary>>>
{
    public async Task<Result<IReadOnlyList<PaymentSummary>>> Handle(SearchPayments request, CancellationToken cancellationToken)
    {
        var query = db.Payments.AsNoTracking();
        var scope = await access.GetAsync(cancellationToken);
        if (!scope.All)
        {
            var customers = scope.CustomerIds.ToList();
            query = query.Where(p => customers.Contains(p.CustomerId));
        }

        if (request.CustomerId is { } customerId)
        {
            query = query.Where(p => p.CustomerId == customerId);
        }

        if (request.From is { } from)
        {
            var start = from.AtStartOfDayInZone(clock.Zone).ToInstant();
            query = query.Where(p => p.CreatedAt >= start);
        }

        if (request.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(clock.Zone).ToInstant();
            query = query.Where(p => p.CreatedAt < end);
        }

        if (request.Channel is { } channel)
        {
            query = query.Where(p => p.Channel == channel);
        }

        if (request.Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        var text = request.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            query = await MatchingAsync(query, text, cancellationToken);
        }

        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Take(Math.Clamp(request.Take, 1, SearchPayments.MaxTake)).ToListAsync(cancellationToken);
        return rows.Select(PaymentVisibility.Summary).ToList();
    }

    /// <summary>An identifier that names payments exactly wins over a loose match of the payer's reference.</summary>
    private async Task<IQueryable<Payment>> MatchingAsync(IQueryable<Payment> query, string text, CancellationToken cancellationToken)
    {
        if (await query.AnyAsync(p => p.Reference == text || p.ReceiptNumber == text, cancellationToken))
        {
            return query.Where(p => p.Reference == text || p.ReceiptNumber == text);
        }

        var customer = await mediator.Send(new FindCustomerByClientCode(text), cancellationToken);
        if (customer.IsSuccess)
        {
            var id = customer.Value.CustomerId;
            return query.Where(p => p.CustomerId == id);
        }

        if (decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return query.Where(p => p.Amount == amount);
        }

        var lower = text.ToLowerInvariant();
        return query.Where(p => p.PayerReference != null && p.PayerReference.ToLower().Contains(lower));
    }
}
