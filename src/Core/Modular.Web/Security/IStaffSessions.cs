using Modular.Core.Results;
using NodaTime;

namespace Modular.Web.Security;

/// <summary>
/// The server-side sessions behind the back office's staff cookie, shared by every instance through the database. The
/// module that keeps staff accounts implements it (Accounts' UI package); the back office (<c>Modular.Backoffice.Web</c>)
/// signs in with it and checks it on every request.
/// </summary>
public interface IStaffSessions
{
    /// <summary>Password, then the second factor (a TOTP code or a recovery code); starts a staff session.</summary>
    Task<Result<StaffSessionStarted>> SignInAsync(string email, string password, string code, CancellationToken cancellationToken);

    /// <summary>The session's current state (roles, the customer acted for), or null once it was ended, timed out or the account was disabled.</summary>
    Task<StaffSessionState?> ValidateAsync(Guid sessionId, Guid staffId, string secret, CancellationToken cancellationToken);

    /// <summary>Ends the current request's staff session (log-out), so a copy of its cookie stops working too.</summary>
    Task EndCurrentAsync(CancellationToken cancellationToken);
}

/// <summary>A staff session just started; <see cref="Secret"/> goes into the (encrypted) cookie only.</summary>
public sealed record StaffSessionStarted(Guid SessionId, string Secret, Guid StaffId, string Email, string DisplayName, Instant ExpiresAt);

/// <summary>A staff session as every request sees it: roles are read each time, so a change applies at once.</summary>
public sealed record StaffSessionState(Guid SessionId, Guid StaffId, string Email, IReadOnlyList<string> Roles, Instant ExpiresAt, StaffActingFor? ActingFor);

/// <summary>The customer a staff session acts on behalf of, with the reason given and since when.</summary>
public sealed record StaffActingFor(Guid CustomerId, string ClientCode, string CustomerName, string Reason, Instant Since);
