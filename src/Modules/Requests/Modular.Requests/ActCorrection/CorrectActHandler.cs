using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Persistence;
using Modular.Core.Results;
using Modular.Core.Time;
using Modular.Requests.Acts;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActCorrection;

/// <summary>
/// Corrects a stored act's type, date, inspector and findings under the act rules, with a reason, on the version the clerk
/// saw. Its fingerprint follows the content, so the field system sending the corrected act again finds it unchanged, and
/// sending the old content again is reported as a changed act, never written over the correction.
/// </summary>
internal sealed class CorrectActHandler(RequestsDbContext db, IAccessScope access, ICurrentUser user, UtilityClock clock)
    : IRequestHandler<CorrectAct, Result>
{
    public async Task<Result> Handle(CorrectAct request, CancellationToken cancellationToken)
    {
        var act = await db.Acts.Include(a => a.Readings).SingleOrDefaultAsync(a => a.Id == request.ActId, cancellationToken);
        if (act is null || !(await access.GetAsync(cancellationToken)).CanSeeContract(act.ContractId))
        {
            return Result.Failure(RequestsErrors.ActNotFound, nameof(request.ActId));
        }

        var readings = act.Readings.Select(r => new ActReadingTaken(r.Serial, r.Date, r.Index)).ToList();
        var corrected = new RegisterAct(act.Number, act.ContractNumber, request.Type, request.RegisteredOn, request.Inspector ?? string.Empty,
            request.Findings ?? string.Empty, readings);
        var errors = ActRules.Check(corrected, clock.Today, int.MaxValue);
        var reason = (request.Reason ?? string.Empty).Trim();
        if (reason.Length == 0)
        {
            errors.Add(Error.Of(RequestsErrors.ReasonRequired, nameof(request.Reason)));
        }
        else if (reason.Length > RequestsDbContext.ActCorrectionReasonLength)
        {
            errors.Add(Error.Of(RequestsErrors.ActCorrectionReasonTooLong, nameof(request.Reason), ("max", RequestsDbContext.ActCorrectionReasonLength)));
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        if (act.Version != request.Version)
        {
            return Result.Failure(Error.Of(RequestsErrors.ActChangedMeanwhile, "Version"));
        }

        corrected = ActRules.Normalized(corrected);
        act.Type = corrected.Type;
        act.RegisteredOn = corrected.RegisteredOn;
        act.Inspector = corrected.Inspector;
        act.Findings = corrected.Findings;
        act.Fingerprint = Act.FingerprintOf(act.ContractNumber, act.Type, act.RegisteredOn, act.Inspector, act.Findings, readings);
        act.Version++;
        act.CorrectedAt = clock.Now;
        act.CorrectedBy = user.StaffId;
        act.CorrectionReason = reason;
        db.Publish(new ActCorrected(Guid.CreateVersion7(), clock.Now, act.Id, act.Number, act.CustomerId, reason));
        return await db.SaveOrConflictAsync(Error.Of(RequestsErrors.ActChangedMeanwhile, "Version"), DbConflict.StaleVersion, cancellationToken);
    }
}
