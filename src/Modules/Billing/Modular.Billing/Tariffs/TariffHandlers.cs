using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Money;
using Modular.Core.Persistence;
using Modular.Core.Results;

namespace Modular.Billing.Tariffs;

internal sealed class AddTariffValidator : AbstractValidator<AddTariff>
{
    public AddTariffValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithErrorCode(BillingErrors.TariffNameRequired);
        RuleFor(c => c.UnitPrice).GreaterThanOrEqualTo(0m).WithErrorCode(BillingErrors.TariffPriceNegative);
        RuleFor(c => c.VatRate).InclusiveBetween(0m, 1m).WithErrorCode(BillingErrors.TariffVatRateInvalid);
        RuleFor(c => c.Currency).Must(c => Currency.TryParse(c, out _)).WithErrorCode(BillingErrors.CurrencyInvalid);
        RuleFor(c => c.ValidTo).Must((c, to) => to is null || to >= c.ValidFrom).WithErrorCode(BillingErrors.TariffPeriodInvalid);
    }
}

/// <summary>
/// Adds a tariff, closing the open-ended one of the same service that it follows. Overlaps are refused; a concurrent
/// change to the tariff being closed (version token) or the same start twice (unique index) answers core.conflict.
/// </summary>
internal sealed class AddTariffHandler(BillingDbContext db) : IRequestHandler<AddTariff, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(AddTariff request, CancellationToken cancellationToken)
    {
        var existing = await db.Tariffs.Where(t => t.Service == request.Service).ToListAsync(cancellationToken);
        var previous = existing.Where(t => t.ValidTo is null && t.ValidFrom < request.ValidFrom).MaxBy(t => t.ValidFrom);
        if (previous is not null)
        {
            previous.ValidTo = request.ValidFrom.PlusDays(-1);
            previous.Version = Guid.NewGuid();
        }

        var tariff = new TariffEntry
        {
            Id = Guid.NewGuid(),
            Service = request.Service,
            Name = request.Name.Trim(),
            UnitPrice = request.UnitPrice,
            VatRate = request.VatRate,
            Currency = Currency.Of(request.Currency),
            ValidFrom = request.ValidFrom,
            ValidTo = request.ValidTo,
            Version = Guid.NewGuid(),
        };
        if (existing.Any(t => t.ValidFrom <= (tariff.ValidTo ?? Forever) && tariff.ValidFrom <= (t.ValidTo ?? Forever)))
        {
            db.ChangeTracker.Clear();
            return Result<Guid>.Failure(BillingErrors.TariffOverlap, nameof(request.ValidFrom));
        }

        db.Tariffs.Add(tariff);
        return await db.SaveOrConflictAsync(tariff.Id, new Error(CoreErrors.Conflict), DbConflict.Taken, cancellationToken);
    }

    private static readonly NodaTime.LocalDate Forever = new(9999, 12, 31);
}

internal sealed class GetTariffsHandler(BillingDbContext db) : IRequestHandler<GetTariffs, Result<IReadOnlyList<Tariff>>>
{
    public async Task<Result<IReadOnlyList<Tariff>>> Handle(GetTariffs request, CancellationToken cancellationToken)
    {
        var query = db.Tariffs.AsNoTracking();
        if (request.Service is { } service)
        {
            query = query.Where(t => t.Service == service);
        }

        var tariffs = await query.ToListAsync(cancellationToken);
        return tariffs.Where(t => request.On is not { } on || t.Covers(on))
            .OrderBy(t => t.Service).ThenBy(t => t.ValidFrom).Select(t => t.ToContract()).ToList();
    }
}
