using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Domain;
using Modular.Accounts.Persistence;
using Modular.Accounts.Security;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;
using NodaTime;

namespace Modular.Accounts.Sessions;

/// <summary>Checks a presented session secret; records activity at most once a minute, so requests do not all write.</summary>
internal sealed class ValidateSessionHandler(AccountsDbContext db, SessionStore store, UtilityClock clock) : IRequestHandler<ValidateSession, Result<SessionInfo>>
{
    private static readonly Duration ActivityResolution = Duration.FromMinutes(1);

    public async Task<Result<SessionInfo>> Handle(ValidateSession request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Secret) || request.Secret.Length > 100)
        {
            return Result<SessionInfo>.Failure(AccountsErrors.SessionInvalid);
        }

        var now = clock.Now;
        var hash = Tokens.HashOf(request.Secret.Trim());
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.SecretHash == hash, cancellationToken);
        if (session is null || session.EndedAt is not null || now >= session.ExpiresAt || now - session.LastSeenAt >= store.Idle(session.Kind))
        {
            return Result<SessionInfo>.Failure(AccountsErrors.SessionInvalid);
        }

        SessionInfo? info;
        if (session.Kind == SessionKind.Staff)
        {
            var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == session.PrincipalId, cancellationToken);
            info = staff is null || staff.DisabledAt is not null ? null
                : Info(session, staff.Email, staff.RoleList, null) with { ActingFor = await ActingForAsync(session, cancellationToken) };
        }
        else
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == session.PrincipalId, cancellationToken);
            info = user is null ? null : Info(session, user.Email, [], user.Culture);
        }

        if (info is null)
        {
            return Result<SessionInfo>.Failure(AccountsErrors.SessionInvalid);
        }

        if (now - session.LastSeenAt >= ActivityResolution)
        {
            session.LastSeenAt = now;
        }

        return info with { IdleExpiresAt = session.LastSeenAt + store.Idle(session.Kind) };
    }

    private async Task<ActingOnBehalf?> ActingForAsync(Session session, CancellationToken cancellationToken)
    {
        if (session is not { ActingForCustomerId: { } customerId, ActingSince: { } since })
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.ClientCode, c.Name }).SingleOrDefaultAsync(cancellationToken);
        return customer is null ? null : new ActingOnBehalf(customerId, customer.ClientCode, customer.Name, session.ActingReason ?? string.Empty, since);
    }

    private SessionInfo Info(Session session, string email, IReadOnlyList<string> roles, string? culture) =>
        new(session.Id, session.Kind, session.PrincipalId, email, roles, culture, session.ExpiresAt, session.LastSeenAt + store.Idle(session.Kind));
}

/// <summary>The caller's own sessions: log-out, the list, ending one or all others.</summary>
internal sealed class MySessionHandlers(AccountsDbContext db, ICurrentUser caller, SessionStore store, IAuditTrail audit, IPersonalAccessTokens tokens, UtilityClock clock) :
    IRequestHandler<LogOut, Result>,
    IRequestHandler<GetMySessions, Result<MySessions>>,
    IRequestHandler<EndMySession, Result>,
    IRequestHandler<EndMyOtherSessions, Result<OtherSessionsEnded>>
{
    public async Task<Result> Handle(LogOut request, CancellationToken cancellationToken)
    {
        if (caller.SessionId is { } id)
        {
            await EndAsync(id, "logout", cancellationToken);
        }

        return Result.Success();
    }

    public async Task<Result<MySessions>> Handle(GetMySessions request, CancellationToken cancellationToken)
    {
        var (kind, principal) = Principal();
        var now = clock.Now;
        var idle = store.Idle(kind);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.Kind == kind && s.PrincipalId == principal && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        var views = sessions.Where(s => now - s.LastSeenAt < idle).OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent, s.Id == caller.SessionId)).ToList();
        return new MySessions(views, await HasTokensAsync(kind, principal, cancellationToken));
    }

    public async Task<Result> Handle(EndMySession request, CancellationToken cancellationToken) =>
        await EndAsync(request.SessionId, "ended_by_user", cancellationToken) ? Result.Success() : Result.Failure(CoreErrors.NotFound, nameof(request.SessionId));

    public async Task<Result<OtherSessionsEnded>> Handle(EndMyOtherSessions request, CancellationToken cancellationToken)
    {
        var (kind, principal) = Principal();
        var ended = await store.EndAllAsync(kind, principal, caller.SessionId, "ended_by_user", cancellationToken);
        return new OtherSessionsEnded(ended, await HasTokensAsync(kind, principal, cancellationToken));
    }

    private async Task<bool> EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var (kind, principal) = Principal();
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.Kind == kind && s.PrincipalId == principal, cancellationToken);
        if (session is null)
        {
            return false;
        }

        if (session.EndedAt is null)
        {
            session.End(clock.Now, reason);
            audit.Record(new AuditEvent(SecurityEvents.SessionEnded, reason, principal));
        }

        return true;
    }

    private (SessionKind Kind, Guid Principal) Principal() => caller.Kind == CallerKind.Staff
        ? (SessionKind.Staff, caller.StaffId!.Value)
        : (SessionKind.Customer, caller.UserId!.Value);

    private async Task<bool> HasTokensAsync(SessionKind kind, Guid principal, CancellationToken cancellationToken) =>
        kind == SessionKind.Customer && await tokens.AnyActiveAsync(principal, cancellationToken);
}
