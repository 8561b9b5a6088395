using Modular.Core.Access;
using Modular.Core.Messaging;
using NodaTime;

namespace Modular.Accounts.Contracts;

public enum SessionKind
{
    Customer = 1,
    Staff = 2,
}

/// <summary>A session just started. <see cref="Secret"/> goes into the cookie and is never stored (only its hash is).</summary>
public sealed record StartedSession(Guid SessionId, string Secret, Instant ExpiresAt);

/// <summary>What a valid session stands for: the host builds the request's caller from it.</summary>
/// <param name="PrincipalId">The portal user's id (customer sessions) or the staff member's (staff sessions).</param>
/// <param name="ActingFor">The customer a staff session acts on behalf of (<see cref="StartActingOnBehalf"/>), with the reason given.</param>
public sealed record SessionInfo(Guid SessionId, SessionKind Kind, Guid PrincipalId, string Email, IReadOnlyList<string> Roles, string? Culture,
    Instant ExpiresAt, Instant IdleExpiresAt, ActingOnBehalf? ActingFor = null);

/// <summary>A staff session acting on behalf of a customer since <paramref name="Since"/>.</summary>
public sealed record ActingOnBehalf(Guid CustomerId, string ClientCode, string CustomerName, string Reason, Instant Since);

/// <summary>
/// Checks a presented session secret (the cookie) on every request: refused once the session was ended (log-out, a
/// password change, a disabled account) or passed its idle or absolute timeout. Records activity for the idle timeout.
/// </summary>
[AllowedCallers(Callers.Anyone)]
public sealed record ValidateSession(string Secret) : ICommand<SessionInfo>;

/// <summary>Ends the caller's current session, so a copy of its cookie stops working too.</summary>
[AllowedCallers(Callers.Customer | Callers.Staff)]
public sealed record LogOut : ICommand;

public sealed record SessionView(Guid SessionId, Instant StartedAt, Instant LastSeenAt, string? ClientAddress, string? UserAgent, bool Current);

/// <param name="HasAccessTokens">The portal user has active personal access tokens (offer to revoke them too).</param>
public sealed record MySessions(IReadOnlyList<SessionView> Sessions, bool HasAccessTokens);

/// <summary>The caller's active sessions (the profile's "where you are signed in").</summary>
[AllowedCallers(Callers.Customer | Callers.Staff)]
public sealed record GetMySessions : IQuery<MySessions>;

/// <summary>Ends one of the caller's own sessions; another account's session is "not found".</summary>
[AllowedCallers(Callers.Customer | Callers.Staff)]
public sealed record EndMySession(Guid SessionId) : ICommand;

public sealed record OtherSessionsEnded(int Ended, bool HasAccessTokens);

/// <summary>Ends every session of the caller but the current one.</summary>
[AllowedCallers(Callers.Customer | Callers.Staff)]
public sealed record EndMyOtherSessions : ICommand<OtherSessionsEnded>;
