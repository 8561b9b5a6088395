using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using NodaTime;

namespace Modular.Readings.Submissions;

/// <summary>Stores an accepted reading: supersedes what it replaces, bumps the meter, publishes <see cref="ReadingAccepted"/>.</summary>
internal static class ReadingFactory
{
    public static Reading Accept(ReadingsDbContext db, UtilityClock clock, Meter meter, ReadingDecision decision, decimal index, LocalDate date,
        int period, ReadingSource source, Guid? submittedBy, string? importKey = null)
    {
        var reading = new Reading
        {
            Id = Guid.NewGuid(),
            MeterId = meter.Id,
            ContractId = meter.ContractId,
            Index = index,
            ReadingDate = date,
            Period = period,
            SubmittedAt = clock.Now,
            SubmittedBy = submittedBy,
            Source = source,
            Quality = source == ReadingSource.UtilityEstimate ? ReadingQuality.Estimated : ReadingQuality.Actual,
            Status = ReadingStatus.Accepted,
            Consumption = decision.Consumption,
            Rollover = decision.Rollover,
            ImportKey = importKey,
        };
        foreach (var replaced in decision.Supersedes)
        {
            replaced.Status = ReadingStatus.Superseded;
            replaced.SupersededBy = reading.Id;
        }

        db.Readings.Add(reading);
        meter.Touch();
        db.Publish(new ReadingAccepted(Guid.NewGuid(), clock.Now, reading.Id, meter.Id, meter.ContractId, index, date, decision.Consumption,
            source.ToString()));
        return reading;
    }

    /// <summary>The installation reading of a new meter: the base of its first reading.</summary>
    public static Reading Installation(UtilityClock clock, Meter meter, WindowCalendar calendar, Guid? submittedBy) => new()
    {
        Id = Guid.NewGuid(),
        MeterId = meter.Id,
        ContractId = meter.ContractId,
        Index = meter.InitialIndex,
        ReadingDate = meter.InstalledOn,
        Period = Periods.Key(calendar.PeriodOf(meter.InstalledOn)),
        SubmittedAt = clock.Now,
        SubmittedBy = submittedBy,
        Source = ReadingSource.MeterChange,
        Quality = ReadingQuality.Actual,
        Status = ReadingStatus.Accepted,
    };
}
