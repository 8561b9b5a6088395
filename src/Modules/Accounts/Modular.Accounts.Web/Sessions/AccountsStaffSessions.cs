using MediatR;
using Modular.Accounts.Contracts;
using Modular.Core.Results;
using Modular.Web.Security;

namespace Modular.Accounts.Web.Sessions;

/// <summary>The back office's staff sessions, through Accounts' requests (<c>StaffLogIn</c>, <c>ValidateSession</c>, <c>LogOut</c>).</summary>
internal sealed class AccountsStaffSessions(IMediator mediator) : IStaffSessions
{
    public async Task<Result<StaffSessionStarted>> SignInAsync(string email, string password, string code, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new StaffLogIn(email, password, code), cancellationToken);
        if (!result.IsSuccess)
        {
            return Result<StaffSessionStarted>.Failure(result.Errors);
        }

        var staff = result.Value;
        return new StaffSessionStarted(staff.Session.SessionId, staff.Session.Secret, staff.StaffId, staff.Email, staff.DisplayName, staff.Session.ExpiresAt);
    }

    public async Task<StaffSessionState?> ValidateAsync(Guid sessionId, Guid staffId, string secret, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ValidateSession(secret), cancellationToken);
        // The secret must belong to the session and the staff member the cookie names (always, unless the cookie was forged).
        if (!result.IsSuccess || result.Value is not { Kind: SessionKind.Staff } info || info.SessionId != sessionId || info.PrincipalId != staffId)
        {
            return null;
        }

        return new StaffSessionState(info.SessionId, info.PrincipalId, info.Email, info.Roles, info.ExpiresAt,
            info.ActingFor is { } a ? new StaffActingFor(a.CustomerId, a.ClientCode, a.CustomerName, a.Reason, a.Since) : null);
    }

    public async Task EndCurrentAsync(CancellationToken cancellationToken) => await mediator.Send(new LogOut(), cancellationToken);
}
