using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActQueries;

/// <summary>One act; another customer's answers exactly like one that does not exist.</summary>
internal sealed class GetActHandler(RequestsDbContext db, IAccessScope access) : IRequestHandler<GetAct, Result<ActView>>
{
    public async Task<Result<ActView>> Handle(GetAct request, CancellationToken cancellationToken)
    {
        var act = await db.Acts.AsNoTracking().Include(a => a.Readings).SingleOrDefaultAsync(a => a.Id == request.ActId, cancellationToken);
        if (act is null || !(await access.GetAsync(cancellationToken)).CanSeeContract(act.ContractId))
        {
            return Error.Of(RequestsErrors.ActNotFound, nameof(GetAct.ActId));
        }

        return ActProjection.View(act);
    }
}
