using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Sessions;

/// <summary>Starts and ends sessions as part of the current command (tracked changes, committed with it).</summary>
internal sealed class SessionStore(AccountsDbContext db, ICurrentUser caller, UtilityClock clock, IOptions<SessionTimeouts> options, IAuditTrail audit)
{
    public StartedSession Start(SessionKind kind, Guid principalId)
    {
        var now = clock.Now;
        var secret = Tokens.NewToken();
        var session = new Session
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            PrincipalId = principalId,
            SecretHash = Tokens.HashOf(secret),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Absolute(kind),
            ClientAddress = Trim(caller.ClientAddress, 100),
            UserAgent = Trim(caller.UserAgent, 300),
        };
        db.Sessions.Add(session);
        return new StartedSession(session.Id, secret, session.ExpiresAt);
    }

    /// <summary>Ends the principal's active sessions but <paramref name="except"/>; answers how many.</summary>
    public async Task<int> EndAllAsync(SessionKind kind, Guid principalId, Guid? except, string reason, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var active = await db.Sessions.Where(s => s.Kind == kind && s.PrincipalId == principalId && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var session in active.Where(s => s.Id != except))
        {
            session.End(now, reason);
            audit.Record(new AuditEvent(SecurityEvents.SessionEnded, reason, principalId));
            ended++;
        }

        return ended;
    }

    public Duration Absolute(SessionKind kind) => kind == SessionKind.Staff ? options.Value.StaffAbsolute : options.Value.CustomerAbsolute;

    public Duration Idle(SessionKind kind) => kind == SessionKind.Staff ? options.Value.StaffIdle : options.Value.CustomerIdle;

    private static string? Trim(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}

/// <summary>
/// Whether a portal user has active personal access tokens, so ending their sessions can offer to revoke those too.
/// The host that issues tokens implements it (the portal); without one, the answer is no.
/// </summary>
public interface IPersonalAccessTokens
{
    Task<bool> AnyActiveAsync(Guid userId, CancellationToken cancellationToken);
}

internal sealed class NoPersonalAccessTokens : IPersonalAccessTokens
{
    public Task<bool> AnyActiveAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(false);
}
