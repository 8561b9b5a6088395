using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;

namespace Modular.Requests.Catalogue;

/// <summary>The catalogue's forms the caller may use, in the catalogue's order.</summary>
internal sealed class GetRequestFormsHandler(FormCatalogue catalogue, ICurrentUser user) : IRequestHandler<GetRequestForms, Result<IReadOnlyList<FormView>>>
{
    public Task<Result<IReadOnlyList<FormView>>> Handle(GetRequestForms request, CancellationToken cancellationToken)
    {
        IReadOnlyList<FormView> forms = catalogue.Forms.Where(f => FormCatalogue.MayUse(f, user)).Select(FormCatalogue.View).ToList();
        return Task.FromResult(Result.Success(forms));
    }
}
