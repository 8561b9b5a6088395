using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;
using Modular.Readings.Submissions;

namespace Modular.Readings.Meters;

internal static class MeterRules
{
    public static void Register<T>(AbstractValidator<T> validator, Func<T, string> serial, Func<T, int> digits, Func<T, int> decimals, Func<T, decimal> index)
    {
        validator.RuleFor(c => serial(c)).NotEmpty().WithErrorCode(ReadingsErrors.SerialRequired).MaximumLength(64).WithErrorCode(ReadingsErrors.SerialRequired)
            .OverridePropertyName("Serial");
        validator.RuleFor(c => digits(c)).InclusiveBetween(1, 9).WithErrorCode(ReadingsErrors.DigitsInvalid).OverridePropertyName("IntegerDigits");
        validator.RuleFor(c => decimals(c)).InclusiveBetween(0, 4).WithErrorCode(ReadingsErrors.DecimalsInvalid).OverridePropertyName("DecimalPlaces");
        validator.RuleFor(c => index(c)).GreaterThanOrEqualTo(0).WithErrorCode(ReadingsErrors.IndexNegative).OverridePropertyName("InitialIndex");
    }

    /// <summary>Saves a new meter; a serial already registered (also by a concurrent call) is a clear error, not a fault.</summary>
    public static async Task<Result<Guid>> SaveNewAsync(ReadingsDbContext db, string serial, Guid id, CancellationToken cancellationToken)
    {
        var trimmed = serial.Trim();
        if (await db.Meters.AnyAsync(m => m.Serial == trimmed && m.Id != id, cancellationToken))
        {
            db.ChangeTracker.Clear();
            return Error.Of(ReadingsErrors.SerialTaken, "Serial", ("serial", trimmed));
        }

        return await db.SaveOrConflictAsync(id, Error.Of(ReadingsErrors.SerialTaken, "Serial", ("serial", trimmed)), DbConflict.UniqueViolation,
            cancellationToken);
    }
}

internal sealed class RegisterMeterValidator : AbstractValidator<RegisterMeter>
{
    public RegisterMeterValidator()
    {
        MeterRules.Register(this, c => c.Serial, c => c.IntegerDigits, c => c.DecimalPlaces, c => c.InitialIndex);
        RuleFor(c => c.ContractId).NotEmpty().WithErrorCode(ReadingsErrors.ContractRequired);
    }
}

internal sealed class RegisterMeterHandler(ReadingsDbContext db, UtilityClock clock, IOptions<ReadingsOptions> options, IAccessScope access, ICurrentUser user)
    : IRequestHandler<RegisterMeter, Result<Guid>>
{
    public async Task<Result<Guid>> Handle(RegisterMeter request, CancellationToken cancellationToken)
    {
        if (!(await access.GetAsync(cancellationToken)).CanSeeContract(request.ContractId))
        {
            return Error.Of(ReadingsErrors.ContractNotVisible, "ContractId");
        }

        var meter = Meter.Register(Guid.NewGuid(), request.Serial, request.ContractId, request.IntegerDigits, request.DecimalPlaces,
            request.InstalledOn, request.InitialIndex, request.VerificationDue, request.SelfReadAllowed, clock.Now);
        if (meter.CheckIndex(request.InitialIndex, "InitialIndex") is { } invalid)
        {
            return invalid;
        }

        db.Meters.Add(meter);
        db.Readings.Add(ReadingFactory.Installation(clock, meter, new WindowCalendar(options.Value), user.UserId));
        return await MeterRules.SaveNewAsync(db, request.Serial, meter.Id, cancellationToken);
    }
}

internal sealed class SetSelfReadingHandler(MeterWriter writer, IAccessScope access) : IRequestHandler<SetSelfReading, Result>
{
    public async Task<Result> Handle(SetSelfReading request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var result = await writer.WriteAsync<bool>(request.MeterId, null, state =>
        {
            if (!scope.CanSeeContract(state.Meter.ContractId))
            {
                return Task.FromResult<Result<bool>>(Error.Of(ReadingsErrors.MeterNotFound, "MeterId"));
            }

            if (state.Meter.IsRemoved && request.Allowed)
            {
                return Task.FromResult<Result<bool>>(Error.Of(ReadingsErrors.MeterRemoved, "MeterId"));
            }

            state.Meter.SelfReadAllowed = request.Allowed;
            state.Meter.Touch();
            return Task.FromResult(Result.Success(true));
        }, cancellationToken);
        return result.IsSuccess ? Result.Success() : Result.Failure(result.Error);
    }
}
