using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Readings.Contracts;

public enum ConsumptionQuality
{
    /// <summary>From accepted readings at both ends.</summary>
    Actual,

    /// <summary>No reading in the period: average daily use × days (invoices mark it "E").</summary>
    Estimated,

    /// <summary>No reading and no history to estimate from.</summary>
    NoData,
}

/// <summary>
/// Consumption of a contract (all its meters, a replaced meter's two parts added) for one billing period.
/// For <see cref="ConsumptionQuality.Actual"/>, <see cref="SincePreviousActual"/> is the actual consumption since the
/// previous actual reading (<see cref="PreviousActualDate"/>), which lets billing regularize estimates billed in between.
/// </summary>
public sealed record ContractConsumption(
    Guid ContractId,
    YearMonth Period,
    decimal CubicMeters,
    ConsumptionQuality Quality,
    LocalDate? ReadingDate,
    decimal SincePreviousActual,
    LocalDate? PreviousActualDate);

/// <summary>Consumption per contract for a billing period, for a batch of contracts (billing runs). System callers.</summary>
[AllowedCallers(Callers.System)]
public sealed record GetBillingConsumption(IReadOnlyList<Guid> ContractIds, YearMonth Period) : IQuery<IReadOnlyList<ContractConsumption>>;

/// <summary>Consumption per period of one contract, for charts and comparisons.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetConsumptionHistory(Guid ContractId, YearMonth From, YearMonth To) : IQuery<IReadOnlyList<ContractConsumption>>;

/// <summary>Average daily consumption from history, and what that predicts for a number of days.</summary>
[AllowedCallers(Callers.Customer | Callers.KioskSession | Callers.Staff | Callers.System, StaffPermission = ReadingsPermissions.Read)]
public sealed record GetExpectedConsumption(Guid MeterId, int Days) : IQuery<ExpectedConsumption>;

public sealed record ExpectedConsumption(Guid MeterId, decimal AverageDaily, decimal ForDays, int HistoryDays);
