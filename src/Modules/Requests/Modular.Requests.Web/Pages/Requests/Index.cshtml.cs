using MediatR;
using Modular.Requests.Contracts;
using Modular.Web.Pages;

namespace Modular.Requests.Web.Pages.Requests;

/// <summary>The customer's requests: number, form, status, due time; newest first.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<RequestSummary> Requests { get; private set; } = [];

    public IReadOnlyDictionary<string, FormView> Forms { get; private set; } = new Dictionary<string, FormView>();

    public async Task OnGetAsync()
    {
        var requests = await mediator.Send(new GetMyRequests(), HttpContext.RequestAborted);
        Requests = requests.IsSuccess ? requests.Value : [];
        var forms = await mediator.Send(new GetRequestForms(), HttpContext.RequestAborted);
        Forms = forms.IsSuccess ? forms.Value.ToDictionary(f => f.Code) : new Dictionary<string, FormView>();
    }
}
