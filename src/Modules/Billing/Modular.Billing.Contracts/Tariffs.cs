using Modular.Core.Access;
using Modular.Core.Messaging;
using Modular.Core.Money;
using NodaTime;

namespace Modular.Billing.Contracts;

public enum TariffService
{
    /// <summary>Drinking water, per m³.</summary>
    Water,

    /// <summary>Sewerage, per m³ of water consumed.</summary>
    Sewerage,

    /// <summary>A fixed fee per month (subscription, meter maintenance), pro rata by days.</summary>
    FixedMonthlyFee,
}

/// <summary>A price for a service, valid from a date until the day before the next one starts (or <see cref="ValidTo"/>).</summary>
public sealed record Tariff(Guid TariffId, TariffService Service, string Name, decimal UnitPrice, decimal VatRate, Currency Currency,
    LocalDate ValidFrom, LocalDate? ValidTo);

/// <summary>
/// Adds a tariff. An open-ended tariff of the same service that started earlier is closed the day before
/// <paramref name="ValidFrom"/>; any other overlap is refused. <paramref name="VatRate"/> is a fraction (0.11 for 11 %).
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Tariffs)]
public sealed record AddTariff(TariffService Service, string Name, decimal UnitPrice, decimal VatRate, string Currency,
    LocalDate ValidFrom, LocalDate? ValidTo = null) : ICommand<Guid>;

/// <summary>Tariffs, optionally of one service and/or valid on one date, ordered by service and start.</summary>
[AllowedCallers(Callers.Customer | Callers.Staff | Callers.System, StaffPermission = BillingPermissions.Read)]
public sealed record GetTariffs(TariffService? Service = null, LocalDate? On = null) : IQuery<IReadOnlyList<Tariff>>;
