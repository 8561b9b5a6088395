using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Outbox;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using Modular.Readings.Submissions;
using Modular.Readings.UtilityReadings;
using Modular.Requests.Contracts;
using NodaTime;

namespace Modular.Readings.ActReadings;

/// <summary>
/// Records the readings an inspection act took (Requests' <see cref="ActRegistered"/>) as field readings, under the rules of an
/// imported or staff-entered field reading: the meter by serial (it must belong to the act's contract), any date up to today,
/// the meter's own transaction (<see cref="MeterWriter"/>), and the same key (<c>serial|date|index</c>), so an act delivered
/// twice, or a reading also imported or typed, is stored once. Each reading's outcome goes back as
/// <see cref="FieldReadingDecided"/>; a refused one is also logged as a warning.
/// </summary>
internal sealed class ActReadingsConsumer(ReadingsDbContext db, IClock clock, MeterWriter writer, UtilityClock utilityClock,
    IOptions<ReadingsOptions> options, ILogger<ActReadingsConsumer> logger) : InboxEventHandler<ActRegistered, ReadingsDbContext>(db, clock)
{
    protected override string ConsumerName => "readings.act-readings";

    protected override async Task HandleCoreAsync(ActRegistered integrationEvent, CancellationToken cancellationToken)
    {
        var calendar = new WindowCalendar(options.Value);
        var rules = new ReadingRules(options.Value);
        var decided = new List<FieldReadingDecided>();
        foreach (var taken in integrationEvent.Readings)
        {
            var result = await RecordAsync(integrationEvent, taken, calendar, rules, cancellationToken);
            Db.ChangeTracker.Clear();
            if (result.IsFailure)
            {
                logger.LogWarning("Act {ActNumber}: the reading of meter {Serial} on {Date} was refused ({Code})", integrationEvent.Number, taken.Serial,
                    taken.Date, result.Error.Code);
            }

            decided.Add(new FieldReadingDecided(Guid.NewGuid(), utilityClock.Now, "act:" + integrationEvent.ActId, taken.Serial, taken.Date,
                taken.Index, result.IsSuccess ? result.Value : null, result.IsFailure ? result.Error.Code : null));
        }

        // Published once every reading is decided: each meter's writer forgets what it tracked.
        foreach (var outcome in decided)
        {
            Db.Publish(outcome);
        }
    }

    private async Task<Result<Guid>> RecordAsync(ActRegistered act, ActReadingTaken taken, WindowCalendar calendar, ReadingRules rules,
        CancellationToken cancellationToken)
    {
        var meterId = await Db.Meters.Where(m => m.Serial == taken.Serial && m.ContractId == act.ContractId).Select(m => (Guid?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (meterId is null)
        {
            return Error.Of(ReadingsErrors.MeterNotFound, "Serial");
        }

        var period = Periods.Key(calendar.PeriodOf(taken.Date));
        return await writer.WriteAsync<Guid>(meterId.Value, MeterHistoryWindow.For(taken.Date, period, options.Value), async state =>
        {
            var key = RecordMeterReadingHandler.KeyOf(state.Meter.Serial, taken.Date, taken.Index, MeterReadingKind.Field);
            if (await Db.Readings.Where(r => r.ImportKey == key).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return existing;
            }

            if (taken.Date > utilityClock.Today)
            {
                return Error.Of(ReadingsErrors.DateInFuture, "Date");
            }

            var decided = rules.Decide(state.Meter, state.Readings, taken.Index, taken.Date, period, ReadingSource.FieldReader, state.ContractEndsOn);
            if (decided.IsFailure)
            {
                return Result<Guid>.From(decided);
            }

            return ReadingFactory.Accept(Db, utilityClock, state.Meter, decided.Value, taken.Index, taken.Date, period, ReadingSource.FieldReader, null, key).Id;
        }, cancellationToken);
    }
}
