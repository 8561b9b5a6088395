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
