using MediatR;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Contracts;

namespace Modular.Requests.Catalogue;

/// <summary>One form the caller may use.</summary>
internal sealed class GetRequestFormHandler(FormCatalogue catalogue, ICurrentUser user) : IRequestHandler<GetRequestForm, Result<FormView>>
{
    public Task<Result<FormView>> Handle(GetRequestForm request, CancellationToken cancellationToken)
    {
        var form = catalogue.Find(request.FormCode);
        Result<FormView> result = form is null ? Error.Of(RequestsErrors.FormNotFound, nameof(request.FormCode))
            : !FormCatalogue.MayUse(form, user) ? Error.Of(RequestsErrors.FormNotAvailable, nameof(request.FormCode))
            : FormCatalogue.View(form);
        return Task.FromResult(result);
    }
}
