using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Audit;
using Modular.Core.Results;
using Modular.Core.Time;

namespace Modular.Accounts.StaffDesk;

/// <summary>Audit actions of acting on behalf (the commands' own rows carry the staff id; these name the customer too).</summary>
internal static class ActingEvents
{
    public const string Started = "staff.acting_started";
    public const string Ended = "staff.acting_ended";
}

internal sealed class StartActingOnBehalfValidator : AbstractValidator<StartActingOnBehalf>
{
    public StartActingOnBehalfValidator()
    {
        RuleFor(s => s.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 500).WithErrorCode(AccountsErrors.ReasonRequired);
    }
}

/// <summary>
/// Acting on behalf lives on the staff member's server-side session: every instance sees it on the next request, it ends
/// with the session, and the reason stays with the session row. Starting while acting for another customer switches.
/// </summary>
internal sealed class StartActingOnBehalfHandler(AccountsDbContext db, ICurrentUser caller, IAuditTrail audit, UtilityClock clock)
    : IRequestHandler<StartActingOnBehalf, Result>
{
    public async Task<Result> Handle(StartActingOnBehalf request, CancellationToken cancellationToken)
    {
        var session = await StaffSession.CurrentAsync(db, caller, cancellationToken);
        if (session is null)
        {
            return Result.Failure(AccountsErrors.SessionInvalid);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == request.CustomerId, cancellationToken))
        {
            return Result.Failure(CoreErrors.NotFound, nameof(request.CustomerId));
        }

        if (session.ActingForCustomerId is { } previous && previous != request.CustomerId)
        {
            audit.Record(new AuditEvent(ActingEvents.Ended, AuditOutcomes.Ok, caller.StaffId, previous));
        }

        session.ActingForCustomerId = request.CustomerId;
        session.ActingReason = request.Reason.Trim();
        session.ActingSince = clock.Now;
        audit.Record(new AuditEvent(ActingEvents.Started, AuditOutcomes.Ok, caller.StaffId, request.CustomerId));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

internal sealed class StopActingOnBehalfHandler(AccountsDbContext db, ICurrentUser caller, IAuditTrail audit)
    : IRequestHandler<StopActingOnBehalf, Result>
{
    public async Task<Result> Handle(StopActingOnBehalf request, CancellationToken cancellationToken)
    {
        var session = await StaffSession.CurrentAsync(db, caller, cancellationToken);
        if (session?.ActingForCustomerId is not { } customer)
        {
            return Result.Success();
        }

        session.ActingForCustomerId = null;
        session.ActingReason = null;
        session.ActingSince = null;
        audit.Record(new AuditEvent(ActingEvents.Ended, AuditOutcomes.Ok, caller.StaffId, customer));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

/// <summary>The staff member's own session, where acting on behalf is kept.</summary>
internal static class StaffSession
{
    public static async Task<Domain.Session?> CurrentAsync(AccountsDbContext db, ICurrentUser caller, CancellationToken cancellationToken) =>
        caller is { Kind: CallerKind.Staff, StaffId: { } staff, SessionId: { } id }
            ? await db.Sessions.SingleOrDefaultAsync(s => s.Id == id && s.Kind == SessionKind.Staff && s.PrincipalId == staff && s.EndedAt == null, cancellationToken)
            : null;
}
