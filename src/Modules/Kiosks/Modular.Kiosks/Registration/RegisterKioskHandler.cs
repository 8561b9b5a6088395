using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Domain;
using Modular.Kiosks.Persistence;

namespace Modular.Kiosks.Registration;

internal sealed class RegisterKioskValidator : AbstractValidator<RegisterKiosk>
{
    public RegisterKioskValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithErrorCode(KiosksErrors.CodeRequired)
            .Matches("^\\s*[A-Za-z0-9][A-Za-z0-9-]{0,31}\\s*$").WithErrorCode(KiosksErrors.CodeInvalid);
        RuleFor(c => c.Centre).Must(c => !string.IsNullOrWhiteSpace(c) && c.Trim().Length <= KiosksDbContext.CentreLength)
            .WithErrorCode(KiosksErrors.CentreRequired);
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= KiosksDbContext.NameLength)
            .WithErrorCode(KiosksErrors.NameRequired);
    }
}

/// <summary>A new kiosk with its first device key (shown once; only the hash is stored). Codes are unique, whatever their case.</summary>
internal sealed class RegisterKioskHandler(KiosksDbContext db, UtilityClock clock) : IRequestHandler<RegisterKiosk, Result<KioskDeviceKey>>
{
    public async Task<Result<KioskDeviceKey>> Handle(RegisterKiosk request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        if (await db.Kiosks.AnyAsync(k => k.Code == code, cancellationToken))
        {
            return Result<KioskDeviceKey>.Failure(KiosksErrors.CodeTaken, nameof(RegisterKiosk.Code));
        }

        var (kiosk, key) = Kiosk.Register(Guid.NewGuid(), code, request.Centre.Trim(), request.Name.Trim(), clock.Now);
        db.Kiosks.Add(kiosk);
        db.Publish(new KioskRegistered(Guid.NewGuid(), clock.Now, kiosk.Id, kiosk.Code, kiosk.Centre, kiosk.Name));
        // Two registrations of one code racing: the unique key lets one in.
        return await db.SaveOrConflictAsync(new KioskDeviceKey(kiosk.Id, kiosk.Code, key),
            new Error(KiosksErrors.CodeTaken, nameof(RegisterKiosk.Code)), DbConflict.UniqueViolation, cancellationToken);
    }
}
