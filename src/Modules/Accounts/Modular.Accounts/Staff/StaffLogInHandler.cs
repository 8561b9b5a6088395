using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Staff;

/// <summary>
/// Password, then the second factor, with the per-account back-off of customers' log-ins (shared through the database).
/// Failures are audited whatever the outcome; the session and the success entry commit together.
/// </summary>
internal sealed class StaffLogInHandler(AccountsDbContext db, PasswordHasher hasher, SessionStore sessions, IAuditTrail audit, UtilityClock clock,
    IOptions<AccountsOptions> options, ILogger<StaffLogInHandler> logger) : IRequestHandler<StaffLogIn, Result<StaffLogInResult>>
{
    public async Task<Result<StaffLogInResult>> Handle(StaffLogIn request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var normalized = User.Normalize(request.Email ?? string.Empty);
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (staff is null)
        {
            hasher.VerifyNothing(request.Password ?? string.Empty);
            return Refuse(AccountsErrors.InvalidCredentials, SecurityEvents.LoginFailed, null);
        }

        if (staff.IsLockedOut(now))
        {
            var seconds = (int)Math.Ceiling((staff.LockedUntil!.Value - now).TotalSeconds);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.LoginFailed, AccountsErrors.LoginThrottled, staff.Id));
            return Result<StaffLogInResult>.Failure(Error.Of(AccountsErrors.LoginThrottled, null, ("seconds", seconds)));
        }

        if (hasher.Verify(staff.PasswordHash, request.Password ?? string.Empty) == PasswordCheck.Wrong)
        {
            await FailedAsync(staff.Id, cancellationToken);
            return Refuse(AccountsErrors.InvalidCredentials, SecurityEvents.LoginFailed, staff.Id);
        }

        // A disabled account learns nothing more than a wrong password would tell.
        if (staff.DisabledAt is not null)
        {
            return Refuse(AccountsErrors.InvalidCredentials, SecurityEvents.LoginFailed, staff.Id, AccountsErrors.StaffDisabled);
        }

        var factor = await SecondFactor.SpendAsync(db, staff, request.Code, now, cancellationToken);
        if (factor == SecondFactorCheck.Wrong)
        {
            await FailedAsync(staff.Id, cancellationToken);
            return Refuse(AccountsErrors.SecondFactorInvalid, SecurityEvents.SecondFactorFailed, staff.Id);
        }

        Instant? last = now;
        await db.StaffMembers.Where(s => s.Id == staff.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.FailedLogins, 0)
            .SetProperty(s => s.LockedUntil, (Instant?)null)
            .SetProperty(s => s.LastLoginAt, last), cancellationToken);
        var session = sessions.Start(SessionKind.Staff, staff.Id);
        audit.Record(new AuditEvent(factor == SecondFactorCheck.RecoveryCode ? SecurityEvents.RecoveryCodeUsed : SecurityEvents.SecondFactorSucceeded,
            AuditOutcomes.Ok, staff.Id));
        audit.Record(new AuditEvent(SecurityEvents.LoginSucceeded, AuditOutcomes.Ok, staff.Id));
        logger.LogInformation("Staff member {StaffId} signed in", staff.Id);
        return new StaffLogInResult(staff.Id, staff.Email, staff.DisplayName, staff.RoleList, session);
    }

    private Result<StaffLogInResult> Refuse(string code, string auditAction, Guid? staffId, string? auditOutcome = null)
    {
        audit.RecordAttempt(new AuditEvent(auditAction, auditOutcome ?? code, staffId));
        logger.LogWarning("Staff log-in refused ({Code}) for {StaffId}", auditOutcome ?? code, staffId);
        return Result<StaffLogInResult>.Failure(code);
    }

    /// <summary>Counts a failure and starts or extends the back-off, in single updates that stand whatever follows.</summary>
    private async Task FailedAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await db.StaffMembers.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.FailedLogins, s => s.FailedLogins + 1), cancellationToken);
        var failures = await db.StaffMembers.Where(s => s.Id == staffId).Select(s => s.FailedLogins).SingleAsync(cancellationToken);
        if (User.BackOff(failures, settings.LockoutThreshold, Duration.FromSeconds(settings.LockoutBaseSeconds), Duration.FromSeconds(settings.LockoutMaxSeconds))
            is { } delay)
        {
            Instant? until = clock.Now + delay;
            await db.StaffMembers.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LockedUntil, until), cancellationToken);
        }
    }
}
