using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActQueries;

/// <summary>The acts of the contracts the caller may see, newest first (a customer's own; staff acting for one, that one's).</summary>
internal sealed class GetMyActsHandler(RequestsDbContext db, IAccessScope access) : IRequestHandler<GetMyActs, Result<IReadOnlyList<ActView>>>
{
    public const int Limit = 500;

    public async Task<Result<IReadOnlyList<ActView>>> Handle(GetMyActs request, CancellationToken cancellationToken)
    {
        var scope = await access.GetAsync(cancellationToken);
        var acts = db.Acts.AsQueryable();
        if (request.ContractId is { } contract)
        {
            if (!scope.CanSeeContract(contract))
            {
                return Array.Empty<ActView>();
            }

            acts = acts.Where(a => a.ContractId == contract);
        }
        else if (!scope.All)
        {
            var visible = scope.ContractIds.ToList();
            acts = acts.Where(a => visible.Contains(a.ContractId));
        }

        return await ActProjection.ViewsAsync(acts, Limit, cancellationToken);
    }
}
