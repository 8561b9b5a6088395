using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Accounts.Sessions;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Staff;

internal sealed class CreateStaffMemberValidator : AbstractValidator<CreateStaffMember>
{
    public CreateStaffMemberValidator(PasswordPolicy policy, StaffPermissions permissions)
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.DisplayName).NotEmpty().WithErrorCode(AccountsErrors.StaffNameRequired)
            .MaximumLength(200).WithErrorCode(AccountsErrors.StaffNameRequired);
        RuleFor(c => c.Roles).Must(r => StaffRules.RolesValid(r, permissions)).WithErrorCode(AccountsErrors.StaffRoleUnknown);
        RuleFor(c => c.Password).Custom((password, context) =>
        {
            if (password is not null)
            {
                foreach (var error in policy.Check(password, password, "Password", context.InstanceToValidate.Email))
                {
                    context.AddFailure(new FluentValidation.Results.ValidationFailure("Password", error.Code) { ErrorCode = error.Code });
                }
            }
        });
    }
}

internal sealed class SetStaffRolesValidator : AbstractValidator<SetStaffRoles>
{
    public SetStaffRolesValidator(StaffPermissions permissions) =>
        RuleFor(c => c.Roles).Must(r => StaffRules.RolesValid(r, permissions)).WithErrorCode(AccountsErrors.StaffRoleUnknown);
}

internal static class StaffRules
{
    public static bool RolesValid(IReadOnlyList<string>? roles, StaffPermissions permissions) =>
        roles is { Count: > 0 } && roles.All(r => !string.IsNullOrWhiteSpace(r) && permissions.IsRole(r));
}

// An administrator's (or the command line's) work on staff accounts: one handler per request. Every change is audited
// with the account as subject.

internal sealed class CreateStaffMemberHandler(AccountsDbContext db, PasswordHasher hasher, IAuditTrail audit, UtilityClock clock,
    IOptions<StaffOptions> options, ILogger<CreateStaffMemberHandler> logger) : IRequestHandler<CreateStaffMember, Result<StaffEnrolment>>
{
    public async Task<Result<StaffEnrolment>> Handle(CreateStaffMember request, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var generated = request.Password is null ? NewPassword() : null;
        var staff = new StaffMember
        {
            Id = Guid.NewGuid(),
            Email = request.Email.Trim(),
            NormalizedEmail = User.Normalize(request.Email),
            DisplayName = request.DisplayName.Trim(),
            Roles = string.Join(' ', request.Roles.Select(r => r.Trim().ToLowerInvariant()).Distinct()),
            PasswordHash = await hasher.HashAsync(request.Password ?? generated!, cancellationToken),
            TotpSecret = SecondFactor.NewSecret(),
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
        var codes = SecondFactor.NewRecoveryCodes();
        db.StaffMembers.Add(staff);
        db.StaffRecoveryCodes.AddRange(SecondFactor.Rows(staff.Id, codes, now));
        var saved = await db.SaveOrConflictAsync(new Error(AccountsErrors.StaffEmailTaken, nameof(request.Email)), DbConflict.UniqueViolation, cancellationToken);
        if (saved.IsFailure)
        {
            return Result<StaffEnrolment>.From(saved);
        }

        audit.Record(new AuditEvent(SecurityEvents.StaffCreated, AuditOutcomes.Ok, staff.Id));
        logger.LogInformation("Staff member {StaffId} created with roles {Roles}", staff.Id, staff.Roles);
        return new StaffEnrolment(staff.Id, staff.Email, generated, SecondFactor.ProvisioningUri(staff.TotpSecret, staff.Email, options.Value.TotpIssuer), codes);
    }

    /// <summary>20 characters from a 56-character alphabet (about 116 bits), shown once.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
    }
}

internal sealed class DisableStaffMemberHandler(AccountsDbContext db, SessionStore sessions, IAuditTrail audit, UtilityClock clock)
    : IRequestHandler<DisableStaffMember, Result>
{
    public async Task<Result> Handle(DisableStaffMember request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken);
        if (staff is null)
        {
            return Result.Failure(AccountsErrors.StaffNotFound, nameof(request.StaffId));
        }

        staff.DisabledAt ??= clock.Now;
        staff.Touch();
        await sessions.EndAllAsync(SessionKind.Staff, staff.Id, null, "staff_disabled", cancellationToken);
        audit.Record(new AuditEvent(SecurityEvents.StaffDisabled, AuditOutcomes.Ok, staff.Id));
        return Result.Success();
    }
}

internal sealed class ResetStaffSecondFactorHandler(AccountsDbContext db, SessionStore sessions, IAuditTrail audit, UtilityClock clock, IOptions<StaffOptions> options)
    : IRequestHandler<ResetStaffSecondFactor, Result<StaffEnrolment>>
{
    public async Task<Result<StaffEnrolment>> Handle(ResetStaffSecondFactor request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken);
        if (staff is null)
        {
            return Result<StaffEnrolment>.Failure(AccountsErrors.StaffNotFound, nameof(request.StaffId));
        }

        var now = clock.Now;
        staff.TotpSecret = SecondFactor.NewSecret();
        staff.LastTotpStep = null;
        staff.Touch();
        db.StaffRecoveryCodes.RemoveRange(await db.StaffRecoveryCodes.Where(c => c.StaffId == staff.Id).ToListAsync(cancellationToken));
        var codes = SecondFactor.NewRecoveryCodes();
        db.StaffRecoveryCodes.AddRange(SecondFactor.Rows(staff.Id, codes, now));
        await sessions.EndAllAsync(SessionKind.Staff, staff.Id, null, "second_factor_reset", cancellationToken);
        audit.Record(new AuditEvent(SecurityEvents.SecondFactorReset, AuditOutcomes.Ok, staff.Id));
        return new StaffEnrolment(staff.Id, staff.Email, null, SecondFactor.ProvisioningUri(staff.TotpSecret, staff.Email, options.Value.TotpIssuer), codes);
    }
}

internal sealed class SetStaffRolesHandler(AccountsDbContext db, IAuditTrail audit) : IRequestHandler<SetStaffRoles, Result>
{
    public async Task<Result> Handle(SetStaffRoles request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken);
        if (staff is null)
        {
            return Result.Failure(AccountsErrors.StaffNotFound, nameof(request.StaffId));
        }

        staff.Roles = string.Join(' ', request.Roles.Select(r => r.Trim().ToLowerInvariant()).Distinct());
        staff.Touch();
        audit.Record(new AuditEvent(SecurityEvents.StaffRolesChanged, AuditOutcomes.Ok, staff.Id));
        return Result.Success();
    }
}

internal sealed class ListStaffMembersHandler(AccountsDbContext db) : IRequestHandler<ListStaffMembers, Result<IReadOnlyList<StaffMemberView>>>
{
    public async Task<Result<IReadOnlyList<StaffMemberView>>> Handle(ListStaffMembers request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking().OrderBy(s => s.NormalizedEmail).ToListAsync(cancellationToken);
        var left = await db.StaffRecoveryCodes.AsNoTracking().Where(c => c.UsedAt == null).GroupBy(c => c.StaffId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return staff.Select(s => new StaffMemberView(s.Id, s.Email, s.DisplayName, s.RoleList, s.CreatedAt, s.LastLoginAt, s.DisabledAt,
            left.GetValueOrDefault(s.Id))).ToList();
    }
}

internal sealed class GetStaffNamesValidator : AbstractValidator<GetStaffNames>
{
    public GetStaffNamesValidator() => RuleFor(r => r.StaffIds.Count).LessThanOrEqualTo(500).WithErrorCode(CoreErrors.Invalid);
}

internal sealed class GetStaffNamesHandler(AccountsDbContext db) : IRequestHandler<GetStaffNames, Result<IReadOnlyDictionary<Guid, string>>>
{
    public async Task<Result<IReadOnlyDictionary<Guid, string>>> Handle(GetStaffNames request, CancellationToken cancellationToken)
    {
        var ids = request.StaffIds.Distinct().ToList();
        IReadOnlyDictionary<Guid, string> names = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return Result<IReadOnlyDictionary<Guid, string>>.Success(names);
    }
}

internal sealed class ChangeStaffPasswordValidator : AbstractValidator<ChangeStaffPassword>
{
    public ChangeStaffPasswordValidator(PasswordPolicy policy) =>
        this.PasswordRules(policy, "NewPassword", r => r.NewPassword, r => r.NewPasswordConfirmation);
}

/// <summary>The staff member's own password; a wrong current one counts toward the back-off; the other sessions end.</summary>
internal sealed class ChangeStaffPasswordHandler(AccountsDbContext db, ICurrentUser caller, PasswordHasher hasher, SessionStore sessions, IAuditTrail audit,
    UtilityClock clock) : IRequestHandler<ChangeStaffPassword, Result>
{
    public async Task<Result> Handle(ChangeStaffPassword request, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == caller.StaffId, cancellationToken);
        if (staff is null || staff.DisabledAt is not null)
        {
            return Result.Failure(CoreErrors.Forbidden);
        }

        if (staff.IsLockedOut(clock.Now))
        {
            return Result.Failure(AccountsErrors.LoginThrottled);
        }

        if (await hasher.VerifyAsync(staff.PasswordHash, request.CurrentPassword ?? string.Empty, cancellationToken) == PasswordCheck.Wrong)
        {
            await db.StaffMembers.Where(s => s.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FailedLogins, s => s.FailedLogins + 1), cancellationToken);
            audit.RecordAttempt(new AuditEvent(SecurityEvents.PasswordChanged, AccountsErrors.CurrentPasswordWrong, staff.Id));
            return Result.Failure(AccountsErrors.CurrentPasswordWrong, nameof(request.CurrentPassword));
        }

        staff.PasswordHash = await hasher.HashAsync(request.NewPassword, cancellationToken);
        staff.Touch();
        await sessions.EndAllAsync(SessionKind.Staff, staff.Id, caller.SessionId, "password_changed", cancellationToken);
        audit.Record(new AuditEvent(SecurityEvents.PasswordChanged, AuditOutcomes.Ok, staff.Id));
        return Result.Success();
    }
}
