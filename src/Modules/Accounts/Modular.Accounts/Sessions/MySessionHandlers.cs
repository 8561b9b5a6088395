using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.Sessions;

/// <summary>Ends the caller's current session, so a copy of its cookie stops working too.</summary>
internal sealed class LogOutHandler(ICurrentUser caller, SessionStore store) : IRequestHandler<LogOut, Result>
{
    public async Task<Result> Handle(LogOut request, CancellationToken cancellationToken)
    {
        if (caller.SessionId is { } id)
        {
            await store.EndOwnAsync(id, "logout", cancellationToken);
        }

        return Result.Success();
    }
}

/// <summary>The caller's active sessions, newest activity first, the current one marked.</summary>
internal sealed class GetMySessionsHandler(AccountsDbContext db, ICurrentUser caller, SessionStore store, UtilityClock clock)
    : IRequestHandler<GetMySessions, Result<MySessions>>
{
    public async Task<Result<MySessions>> Handle(GetMySessions request, CancellationToken cancellationToken)
    {
        var (kind, principal) = store.Own();
        var now = clock.Now;
        var idle = store.Idle(kind);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.Kind == kind && s.PrincipalId == principal && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        var views = sessions.Where(s => now - s.LastSeenAt < idle).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent, s.Id == caller.SessionId)).ToList();
        return new MySessions(views, await store.HasAccessTokensAsync(kind, principal, cancellationToken));
    }
}

/// <summary>Ends one of the caller's own sessions; another account's session is "not found".</summary>
internal sealed class EndMySessionHandler(SessionStore store) : IRequestHandler<EndMySession, Result>
{
    public async Task<Result> Handle(EndMySession request, CancellationToken cancellationToken) =>
        await store.EndOwnAsync(request.SessionId, "ended_by_user", cancellationToken) ? Result.Success() : Result.Failure(CoreErrors.NotFound, nameof(request.SessionId));
}

/// <summary>Ends every session of the caller but the current one.</summary>
internal sealed class EndMyOtherSessionsHandler(ICurrentUser caller, SessionStore store) : IRequestHandler<EndMyOtherSessions, Result<OtherSessionsEnded>>
{
    public async Task<Result<OtherSessionsEnded>> Handle(EndMyOtherSessions request, CancellationToken cancellationToken)
    {
        var (kind, principal) = store.Own();
        var ended = await store.EndAllAsync(kind, principal, caller.SessionId, "ended_by_user", cancellationToken);
        return new OtherSessionsEnded(ended, await store.HasAccessTokensAsync(kind, principal, cancellationToken));
    }
}
