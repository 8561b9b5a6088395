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

namespace Modular.Readings.Meters;

internal sealed class ReplaceMeterValidator : AbstractValidator<ReplaceMeter>
{
    public ReplaceMeterValidator()
    {
        MeterRules.Register(this, c => c.NewSerial, c => c.NewIntegerDigits, c => c.NewDecimalPlaces, c => c.NewInitialIndex);
        RuleFor(c => c.OldFinalIndex).GreaterThanOrEqualTo(0).WithErrorCode(ReadingsErrors.IndexNegative);
    }
}

/// <summary>
/// Records the old meter's final index (checked like any reading, rollover included), removes it and installs the new
/// meter on the same contract and service point with its initial index, in one save. Consumption of the period adds both parts.
/// </summary>
internal sealed class ReplaceMeterHandler(ReadingsDbContext db, MeterWriter writer, UtilityClock clock, IOptions<ReadingsOptions> options,
    IAccessScope access, ICurrentUser user) : IRequestHandler<ReplaceMeter, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(ReplaceMeter request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var serial = request.NewSerial.Trim();
        var calendar = new WindowCalendar(options.Value);
        var rules = new ReadingRules(options.Value);
        var period = Periods.Key(calendar.PeriodOf(request.Date));
        return await writer.WriteAsync<Guid>(request.OldMeterId, MeterHistoryWindow.For(request.Date, period, options.Value), async state =>
        {
            var old = state.Meter;
            if (!scope.CanSeeContract(old.ContractId))
            {
                return Error.Of(ReadingsErrors.MeterNotFound, "OldMeterId");
            }

            // Checked on every attempt: a concurrent registration of the same serial makes the save fail and retry.
            if (await db.Meters.AnyAsync(m => m.Serial == serial, cancellationToken))
            {
                return Error.Of(ReadingsErrors.SerialTaken, "NewSerial", ("serial", serial));
            }

            if (request.Date > clock.Today)
            {
                return Error.Of(ReadingsErrors.DateInFuture, "Date");
            }

            var decided = rules.Decide(old, state.Readings, request.OldFinalIndex, request.Date, period, ReadingSource.MeterChange, state.ContractEndsOn);
            if (decided.IsFailure)
            {
                return Result<Guid>.From(decided);
            }

            var replacement = Meter.Register(Guid.NewGuid(), serial, old.ContractId, request.NewIntegerDigits, request.NewDecimalPlaces,
                request.Date, request.NewInitialIndex, request.NewVerificationDue, old.SelfReadAllowed, clock.Now);
            if (replacement.CheckIndex(request.NewInitialIndex, "NewInitialIndex") is { } invalid)
            {
                return invalid;
            }

            // The final index covers the period so far: it supersedes the period's customer and field readings.
            ReadingFactory.Accept(db, clock, old, decided.Value, request.OldFinalIndex, request.Date, period, ReadingSource.MeterChange, user.UserId);
            old.Remove(request.Date, request.OldFinalIndex, replacement.Id);
            db.Meters.Add(replacement);
            db.Readings.Add(ReadingFactory.Installation(clock, replacement, calendar, user.UserId));
            return replacement.Id;
        }, cancellationToken);
    }
}
