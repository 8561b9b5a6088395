using Modular.Readings.Contracts;
using NodaTime;

namespace Modular.Readings.Domain;

/// <summary>
/// One reading of a meter. <see cref="Consumption"/> is relative to the meter's previous accepted reading of an
/// earlier period (or its installation), rollover included; <see cref="Period"/> is yyyymm.
/// </summary>
internal sealed class Reading
{
    public Guid Id { get; set; }

    public Guid MeterId { get; set; }

    public Guid ContractId { get; set; }

    public decimal Index { get; set; }

    public LocalDate ReadingDate { get; set; }

    public int Period { get; set; }

    public Instant SubmittedAt { get; set; }

    public Guid? SubmittedBy { get; set; }

    public ReadingSource Source { get; set; }

    public ReadingQuality Quality { get; set; }

    public ReadingStatus Status { get; set; }

    public decimal Consumption { get; set; }

    public bool Rollover { get; set; }

    public Guid? SupersededBy { get; set; }

    /// <summary>Set for imported field readings (serial|date|index) so that importing a file again adds nothing.</summary>
    public string? ImportKey { get; set; }

    public bool IsAccepted => Status == ReadingStatus.Accepted;

    /// <summary>Installation and removal readings: a base for the next reading, never replaced by a revision.</summary>
    public bool IsMeterChange => Source == ReadingSource.MeterChange;

    public bool IsCustomer => Source is ReadingSource.CustomerPortal or ReadingSource.Kiosk or ReadingSource.Staff;

    public bool IsField => Source == ReadingSource.FieldReader;

    /// <summary>The utility's estimate: replaced by any actual reading of its period, never the base of another reading.</summary>
    public bool IsEstimate => Quality == ReadingQuality.Estimated;

    public YearMonth PeriodMonth => Periods.ToYearMonth(Period);
}

internal static class Periods
{
    public static int Key(YearMonth period) => (period.Year * 100) + period.Month;

    public static YearMonth ToYearMonth(int key) => new(key / 100, key % 100);
}
