using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using Modular.Readings.Submissions;
using NodaTime;

namespace Modular.Readings.UtilityReadings;

internal sealed class RecordMeterReadingValidator : AbstractValidator<RecordMeterReading>
{
    public RecordMeterReadingValidator()
    {
        RuleFor(c => c.MeterId).NotEmpty().WithErrorCode(ReadingsErrors.MeterNotFound);
        RuleFor(c => c.Index).GreaterThanOrEqualTo(0).WithErrorCode(ReadingsErrors.IndexNegative);
        RuleFor(c => c.Kind).IsInEnum().WithErrorCode(ReadingsErrors.ReadingKindInvalid);
    }
}

/// <summary>
/// A field reading or an estimate entered by the utility's staff, decided like an imported field reading: the meter's rules
/// (<see cref="ReadingRules"/>) in the meter's own transaction (<see cref="MeterWriter"/>), any date up to today, the same
/// import key so the same reading entered twice (or also imported) is stored once. A rollover must be confirmed.
/// </summary>
internal sealed class RecordMeterReadingHandler(ReadingsDbContext db, MeterWriter writer, UtilityClock clock, IOptions<ReadingsOptions> options,
    IAccessScope access, ICurrentUser user) : IRequestHandler<RecordMeterReading, Result<MeterReadingOutcome>>
{
    public async Task<Result<MeterReadingOutcome>> Handle(RecordMeterReading request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var calendar = new WindowCalendar(options.Value);
        var rules = new ReadingRules(options.Value);
        var source = request.Kind == MeterReadingKind.Estimate ? ReadingSource.UtilityEstimate : ReadingSource.FieldReader;
        var period = Periods.Key(calendar.PeriodOf(request.Date));
        return await writer.WriteAsync<MeterReadingOutcome>(request.MeterId, MeterHistoryWindow.For(request.Date, period, options.Value), async state =>
        {
            var meter = state.Meter;
            if (!scope.CanSeeContract(meter.ContractId))
            {
                return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
            }

            if (request.Date > clock.Today)
            {
                return Error.Of(ReadingsErrors.DateInFuture, "Date");
            }

            // The key of an imported field reading (serial|date|index): the same reading typed again, or typed and imported, is one row.
            var key = KeyOf(meter.Serial, request.Date, request.Index, request.Kind);
            if (await db.Readings.Where(r => r.ImportKey == key).Select(r => new { r.Id, r.Consumption, r.Rollover, r.Period })
                    .FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return new MeterReadingOutcome(existing.Id, meter.Id, Periods.ToYearMonth(existing.Period), request.Index, existing.Consumption,
                    existing.Rollover, Stored: true, NeedsConfirmation: false, AlreadyRecorded: true);
            }

            var decided = rules.Decide(meter, state.Readings, request.Index, request.Date, period, source, state.ContractEndsOn);
            if (decided.IsFailure)
            {
                return Result<MeterReadingOutcome>.From(decided);
            }

            var decision = decided.Value;
            if (decision.Rollover != request.Rollover)
            {
                // A lower index the register's capacity explains is still a claim someone must make; a tick on a higher one is a slip.
                return decision.Rollover
                    ? Error.Of(ReadingsErrors.RolloverNotConfirmed, "Index", ("previous", ReadingRules.Normalize(decision.Base.Index)))
                    : Error.Of(ReadingsErrors.NotARollover, "Rollover", ("previous", ReadingRules.Normalize(decision.Base.Index)));
            }

            var needsConfirmation = decision.Warnings.Count > 0 && !request.ConfirmWarnings;
            Guid? readingId = needsConfirmation ? null
                : ReadingFactory.Accept(db, clock, meter, decision, request.Index, request.Date, period, source, user.UserId, key).Id;
            var outcome = new MeterReadingOutcome(readingId, meter.Id, Periods.ToYearMonth(period), request.Index, decision.Consumption,
                decision.Rollover, readingId is not null, needsConfirmation, AlreadyRecorded: false);
            return Result.Success(outcome, decision.Warnings);
        }, cancellationToken);
    }

    /// <summary>A field reading has the key an imported row of it has; an estimate its own, so it never counts as read.</summary>
    internal static string KeyOf(string serial, LocalDate date, decimal index, MeterReadingKind kind)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{serial}|{date:yyyy-MM-dd}|{ReadingRules.Normalize(index)}");
        return kind == MeterReadingKind.Estimate ? "estimate|" + key : key;
    }
}
