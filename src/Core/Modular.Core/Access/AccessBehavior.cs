using System.Reflection;
using MediatR;
using Microsoft.Extensions.Logging;
using Modular.Core.Audit;
using Modular.Core.Messaging;
using Modular.Core.Results;

namespace Modular.Core.Access;

/// <summary>
/// Checks the request a host sends against its <see cref="AllowedCallersAttribute"/> before anything else runs, with one
/// answer for every refusal (<c>core.forbidden</c>); a request that declares nothing is refused. Requests a handler sends
/// on to other modules run under the same caller and data scope but are the module's own calls, so only the outermost is
/// checked. Commands from staff and kiosk sessions are audited: in the command's transaction when it succeeds, afterwards
/// (with the refusing code) when it does not.
/// </summary>
internal sealed class AccessBehavior<TRequest, TResponse>(ICurrentUser caller, StaffPermissions permissions, UnitOfWork unitOfWork,
    AuditTrail audit, ILogger<AccessBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AllowedCallersAttribute? Declared = typeof(TRequest).GetCustomAttribute<AllowedCallersAttribute>(inherit: false);
    private static readonly bool IsCommand = RequestKinds.IsCommand(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (unitOfWork.RequestDepth > 0)
        {
            return await next();
        }

        unitOfWork.RequestDepth++;
        try
        {
            var audited = IsCommand && caller.Kind is CallerKind.Staff or CallerKind.KioskSession;
            if (!Allows(caller))
            {
                logger.LogWarning("{Request} refused for {Caller}: not among the callers it allows", typeof(TRequest).Name, Caller.Of(caller));
                if (audited)
                {
                    await unitOfWork.WriteNowAsync([audit.Command(typeof(TRequest), request!, CoreErrors.Forbidden)], cancellationToken);
                }

                return Refused();
            }

            if (!audited)
            {
                return await next();
            }

            var pending = new PendingAudit(audit.Command(typeof(TRequest), request!, AuditOutcomes.Ok));
            unitOfWork.CommandAudit = pending;
            try
            {
                var response = await next();
                if (!pending.Written)
                {
                    pending.Entry.Outcome = response is Result { IsFailure: true } failed ? failed.Errors[0].Code : AuditOutcomes.Ok;
                    await unitOfWork.WriteNowAsync([pending.Entry], CancellationToken.None);
                }

                return response;
            }
            catch (Exception) when (!pending.Written)
            {
                pending.Entry.Outcome = AuditOutcomes.Failed;
                await unitOfWork.WriteNowAsync([pending.Entry], CancellationToken.None);
                throw;
            }
            finally
            {
                unitOfWork.CommandAudit = null;
            }
        }
        finally
        {
            unitOfWork.RequestDepth--;
        }
    }

    /// <summary>Whether <paramref name="user"/> may send <typeparamref name="TRequest"/> as declared.</summary>
    private bool Allows(ICurrentUser user)
    {
        if (Declared is null)
        {
            return false;
        }

        var kind = user.Kind switch
        {
            CallerKind.Anonymous => Callers.Anonymous,
            CallerKind.Customer => Callers.Customer,
            CallerKind.KioskSession => Callers.KioskSession,
            CallerKind.Staff => Callers.Staff,
            CallerKind.System => Callers.System,
            _ => Callers.None,
        };
        if ((Declared.Callers & kind) == 0)
        {
            return false;
        }

        return kind switch
        {
            Callers.Customer => user.UserId is not null,
            Callers.KioskSession => user.CustomerId is not null,
            Callers.Staff => user.StaffId is not null
                && (Declared.StaffPermission is null || Declared.Callers == Callers.Anyone || permissions.Grants(user.Roles, Declared.StaffPermission)),
            _ => true,
        };
    }

    private static TResponse Refused() =>
        (ResultFactory<TResponse>.Failure ?? throw new InvalidOperationException($"{typeof(TRequest).Name} does not answer a Result."))(
            [new Error(CoreErrors.Forbidden)]);
}
