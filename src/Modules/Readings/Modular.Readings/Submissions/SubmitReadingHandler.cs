using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Submissions;

internal sealed class SubmitReadingValidator : AbstractValidator<SubmitReading>
{
    public SubmitReadingValidator()
    {
        RuleFor(c => c.MeterId).NotEmpty().WithErrorCode(ReadingsErrors.MeterNotFound);
        RuleFor(c => c.Index).GreaterThanOrEqualTo(0).WithErrorCode(ReadingsErrors.IndexNegative);
    }
}

/// <summary>A customer's reading: visible meter, open to self-reading, inside today's window, then the index rules.</summary>
internal sealed class SubmitReadingHandler(ReadingsDbContext db, MeterWriter writer, UtilityClock clock, IOptions<ReadingsOptions> options,
    IAccessScope access, ICurrentUser user) : IRequestHandler<SubmitReading, Result<SubmissionOutcome>>
{
    public async Task<Result<SubmissionOutcome>> Handle(SubmitReading request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var source = SourceOf(user);
        var calendar = new WindowCalendar(options.Value);
        var rules = new ReadingRules(options.Value);
        var today = clock.Today;
        var open = calendar.OpenOn(today);
        var history = open is null ? null : MeterHistoryWindow.For(today, Periods.Key(open.Period), options.Value);
        return await writer.WriteAsync<SubmissionOutcome>(request.MeterId, history, state => Task.FromResult(Decide(state)), cancellationToken);

        Result<SubmissionOutcome> Decide(MeterState state)
        {
            var meter = state.Meter;
            if (!scope.CanSeeContract(meter.ContractId))
            {
                return Error.Of(ReadingsErrors.MeterNotFound, "MeterId");
            }

            if (!meter.SelfReadAllowed)
            {
                return Error.Of(meter.IsRemoved ? ReadingsErrors.MeterRemoved : ReadingsErrors.SelfReadingNotAllowed, "MeterId");
            }

            if (open is not { } window)
            {
                var next = calendar.NextAfter(today);
                return Error.Of(ReadingsErrors.WindowClosed, null,
                    ("opensOn", next.OpensOn), ("opensOnIso", next.OpensOn.ToString("yyyy-MM-dd", null)),
                    ("closesOn", next.ClosesOn));
            }

            var period = Periods.Key(window.Period);
            var decided = rules.Decide(meter, state.Readings, request.Index, today, period, source, state.ContractEndsOn);
            if (decided.IsFailure)
            {
                return Result<SubmissionOutcome>.From(decided);
            }

            var decision = decided.Value;
            var needsConfirmation = decision.Warnings.Count > 0 && !request.ConfirmWarnings;
            Guid? readingId = null;
            if (!needsConfirmation)
            {
                readingId = ReadingFactory.Accept(db, clock, meter, decision, request.Index, today, period, source, user.UserId).Id;
            }

            var outcome = new SubmissionOutcome(readingId, meter.Id, window.Period, request.Index, decision.Base.Index, decision.Base.ReadingDate,
                decision.Consumption, decision.Rollover, readingId is not null, needsConfirmation);
            return Result.Success(outcome, decision.Warnings);
        }
    }

    /// <summary>The reading's source follows the caller's channel, never a request field.</summary>
    internal static ReadingSource SourceOf(ICurrentUser caller) => caller switch
    {
        { Kind: CallerKind.KioskSession } or { Channel: Channel.Kiosk } => ReadingSource.Kiosk,
        { Kind: CallerKind.Staff } => ReadingSource.Staff,
        _ => ReadingSource.CustomerPortal,
    };
}
