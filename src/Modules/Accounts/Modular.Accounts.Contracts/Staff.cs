using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

/// <summary>
/// A staff member signs in with email, password and a second factor: the current TOTP code of their authenticator app
/// (RFC 6238, one step either side accepted, each code once) or one of their one-time recovery codes. Starts a staff
/// session. Failures count toward the same back-off as customers' log-ins.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record StaffLogIn(string Email, string Password, string Code) : ICommand<StaffLogInResult>;

public sealed record StaffLogInResult(Guid StaffId, string Email, string DisplayName, IReadOnlyList<string> Roles, StartedSession Session);

/// <summary>
/// Creates a staff account (separate from portal users: the same email may also be a customer's). Without a password one
/// is generated. The answer is shown once: the initial password, the TOTP provisioning URI and the recovery codes.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffManage)]
public sealed record CreateStaffMember(string Email, string DisplayName, IReadOnlyList<string> Roles, string? Password = null) : ICommand<StaffEnrolment>;

/// <summary>Secrets shown once and never stored in the clear.</summary>
/// <param name="InitialPassword">Only when the password was generated.</param>
/// <param name="TotpUri">The <c>otpauth://</c> URI for the authenticator app (as a QR code or typed in).</param>
public sealed record StaffEnrolment(Guid StaffId, string Email, string? InitialPassword, string TotpUri, IReadOnlyList<string> RecoveryCodes);

/// <summary>Disables a staff account; its sessions end at once.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffManage)]
public sealed record DisableStaffMember(Guid StaffId) : ICommand;

/// <summary>A new TOTP secret and new recovery codes (a lost phone); the old ones stop working and the sessions end.</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffManage)]
public sealed record ResetStaffSecondFactor(Guid StaffId) : ICommand<StaffEnrolment>;

/// <summary>Replaces a staff member's roles (known roles only).</summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffManage)]
public sealed record SetStaffRoles(Guid StaffId, IReadOnlyList<string> Roles) : ICommand;

public sealed record StaffMemberView(Guid StaffId, string Email, string DisplayName, IReadOnlyList<string> Roles, Instant CreatedAt,
    Instant? LastLoginAt, Instant? DisabledAt, int RecoveryCodesLeft);

[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffManage)]
public sealed record ListStaffMembers : IQuery<IReadOnlyList<StaffMemberView>>;

/// <summary>
/// Colleagues' display names by id (unknown ids are left out), so a screen can say who took money or acted; nothing else
/// of the staff accounts.
/// </summary>
[AllowedCallers(Callers.Staff | Callers.System, StaffPermission = AccountsPermissions.StaffNames)]
public sealed record GetStaffNames(IReadOnlyList<Guid> StaffIds) : IQuery<IReadOnlyDictionary<Guid, string>>;

/// <summary>A staff member changes their own password (the current one required); their other sessions end.</summary>
[AllowedCallers(Callers.Staff)]
public sealed record ChangeStaffPassword(string CurrentPassword, string NewPassword, string NewPasswordConfirmation) : ICommand;
