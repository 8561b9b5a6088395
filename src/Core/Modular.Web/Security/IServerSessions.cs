namespace Modular.Web.Security;

/// <summary>
/// The server-side sessions behind portal cookies, shared by every instance through the database. The module that signs
/// users in implements it (Accounts' UI package); a shell without one keeps cookie-only sessions.
/// </summary>
public interface IServerSessions
{
    /// <summary>Whether the session is still active for this user (not ended, not idle or past its absolute timeout).</summary>
    Task<bool> IsActiveAsync(Guid sessionId, string secret, Guid userId, CancellationToken cancellationToken);

    /// <summary>Ends the current request's session (log-out), so a copy of its cookie stops working too.</summary>
    Task EndCurrentAsync(CancellationToken cancellationToken);
}
