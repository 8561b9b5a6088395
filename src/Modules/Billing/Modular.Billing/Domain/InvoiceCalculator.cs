using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Billing.Domain;

/// <summary>What the calculator decided for one contract: an invoice draft, nothing to bill, or a data error.</summary>
internal sealed record InvoiceDraft(IReadOnlyList<InvoiceLine> Lines, Currency Currency, decimal Net, decimal Vat, decimal Total,
    bool Estimated, decimal CubicMeters);

internal readonly record struct CalculationOutcome(InvoiceDraft? Draft, string? ErrorCode)
{
    public bool NotBillable => Draft is null && ErrorCode is null;
}

/// <summary>An earlier invoice billed on estimated consumption; a later actual reading regularizes it.</summary>
internal readonly record struct EstimatedBilling(YearMonth Period, decimal CubicMeters);

/// <summary>
/// Prices one contract for one period. Tariffs are split pro rata by days when they change inside the period (and when
/// the contract starts or ends inside it); consumption is split across tariff segments by days, the last segment taking
/// the remainder so the quantities add up exactly. See <see cref="InvoiceLine"/> for the rounding policy.
/// </summary>
internal sealed class InvoiceCalculator
{
    public const int QuantityDecimals = 3;

    // A run prices every contract against the same tariff list: sort it per service once, not once per contract.
    private IReadOnlyList<TariffEntry>? _tariffs;
    private Dictionary<TariffService, TariffEntry[]> _byService = [];

    public CalculationOutcome Calculate(ContractSummary contract, ContractConsumption? consumption, YearMonth period,
        IReadOnlyList<TariffEntry> tariffs, IReadOnlyList<EstimatedBilling> estimatesSincePreviousActual)
    {
        if (string.IsNullOrWhiteSpace(contract.ClientCode) || contract.CustomerId == Guid.Empty)
        {
            return new(null, BillingErrors.ContractInvalid);
        }

        var first = period.OnDayOfMonth(1);
        var last = period.OnDayOfMonth(period.Calendar.GetDaysInMonth(period.Year, period.Month));
        var from = contract.StartDate > first ? contract.StartDate : first;
        var to = contract.EndDate is { } end && end < last ? end : last;
        if (from > to)
        {
            return new(null, null);
        }

        var metered = contract.Services & (ConnectedServices.Water | ConnectedServices.Sewerage);
        if (metered != ConnectedServices.None)
        {
            if (consumption is null || consumption.Quality == ConsumptionQuality.NoData)
            {
                return new(null, BillingErrors.ConsumptionMissing);
            }

            if (consumption.CubicMeters < 0m)
            {
                return new(null, BillingErrors.ConsumptionNegative);
            }
        }

        if (!ReferenceEquals(tariffs, _tariffs))
        {
            _byService = tariffs.GroupBy(t => t.Service).ToDictionary(g => g.Key, g => g.OrderBy(t => t.ValidFrom).ToArray());
            _tariffs = tariffs;
        }

        var lines = new List<InvoiceLine>();
        var currencies = new HashSet<Currency>();
        var quantity = metered == ConnectedServices.None ? 0m : MoneyRounding.Round(consumption!.CubicMeters, QuantityDecimals);
        foreach (var (service, flag) in new[] { (TariffService.Water, ConnectedServices.Water), (TariffService.Sewerage, ConnectedServices.Sewerage) })
        {
            if (!contract.Services.HasFlag(flag))
            {
                continue;
            }

            var segments = Segments(_byService, service, from, to);
            if (segments is null)
            {
                return new(null, BillingErrors.TariffMissing);
            }

            AddConsumptionLines(lines, segments, quantity, Period.DaysBetween(from, to) + 1);
            if (Regularization(consumption!, estimatesSincePreviousActual) is { } regularization && regularization != 0m)
            {
                var tariff = segments[^1].Tariff;
                lines.Add(Line(tariff, LineKind.Regularization, consumption!.PreviousActualDate!.Value.PlusDays(1), to, regularization, regularization * tariff.UnitPrice));
            }
        }

        var daysInMonth = Period.DaysBetween(first, last) + 1;
        if (Segments(_byService, TariffService.FixedMonthlyFee, from, to) is { } fixedSegments)
        {
            foreach (var segment in fixedSegments)
            {
                var days = Period.DaysBetween(segment.From, segment.To) + 1;
                var share = MoneyRounding.Round((decimal)days / daysInMonth, 4);
                lines.Add(Line(segment.Tariff, LineKind.Fixed, segment.From, segment.To, share, segment.Tariff.UnitPrice * days / daysInMonth));
            }
        }

        if (lines.Count == 0)
        {
            return new(null, null);
        }

        if (currencies.Count != 1)
        {
            return new(null, BillingErrors.TariffCurrencyMixed);
        }

        lines = VatBreakdown.Balance(lines, currencies.First());
        var net = lines.Sum(l => l.Net);
        var vat = lines.Sum(l => l.Vat);
        return new(new InvoiceDraft(lines, currencies.First(), net, vat, net + vat,
            consumption?.Quality == ConsumptionQuality.Estimated, quantity), null);

        InvoiceLine Line(TariffEntry tariff, LineKind kind, LocalDate lineFrom, LocalDate lineTo, decimal lineQuantity, decimal exactNet)
        {
            currencies.Add(tariff.Currency);
            var lineNet = MoneyRounding.Round(exactNet, tariff.Currency);
            return new InvoiceLine(tariff.Service, kind, tariff.Name, lineFrom.ToDateOnly(), lineTo.ToDateOnly(), lineQuantity, tariff.UnitPrice,
                tariff.VatRate, lineNet, MoneyRounding.Round(lineNet * tariff.VatRate, tariff.Currency));
        }

        void AddConsumptionLines(List<InvoiceLine> target, IReadOnlyList<Segment> segments, decimal total, int activeDays)
        {
            var left = total;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                var days = Period.DaysBetween(segment.From, segment.To) + 1;
                var part = i == segments.Count - 1 ? left : MoneyRounding.Round(total * days / activeDays, QuantityDecimals);
                left -= part;
                target.Add(Line(segment.Tariff, LineKind.Consumption, segment.From, segment.To, part, part * segment.Tariff.UnitPrice));
            }
        }
    }

    /// <summary>Actual use since the previous actual reading, minus this period's quantity and the estimates billed in between.</summary>
    private static decimal? Regularization(ContractConsumption consumption, IReadOnlyList<EstimatedBilling> estimates)
    {
        if (consumption.Quality != ConsumptionQuality.Actual || consumption.PreviousActualDate is not { } previous)
        {
            return null;
        }

        var since = new YearMonth(previous.Year, previous.Month);
        var billed = estimates.Where(e => e.Period > since && e.Period < consumption.Period).Sum(e => e.CubicMeters);
        if (billed == 0m)
        {
            return null;
        }

        return MoneyRounding.Round(consumption.SincePreviousActual - consumption.CubicMeters - billed, QuantityDecimals);
    }

    private sealed record Segment(TariffEntry Tariff, LocalDate From, LocalDate To);

    /// <summary>The tariffs covering [from, to] in order, clipped; null when a day is not covered.</summary>
    private static List<Segment>? Segments(Dictionary<TariffService, TariffEntry[]> byService, TariffService service, LocalDate from, LocalDate to)
    {
        if (!byService.TryGetValue(service, out var ordered))
        {
            return null;
        }

        var result = new List<Segment>(ordered.Length);
        var day = from;
        foreach (var tariff in ordered)
        {
            if (!tariff.Covers(day))
            {
                continue;
            }

            var end = tariff.ValidTo is { } validTo && validTo < to ? validTo : to;
            result.Add(new Segment(tariff, day, end));
            if (end == to)
            {
                return result;
            }

            day = end.PlusDays(1);
        }

        return null;
    }
}
