using MediatR;
using Modular.Accounts.Contracts;
using Modular.Web.Pages;

namespace Modular.Accounts.Web.Pages.Contracts;

/// <summary>The user's contracts: number, address, services and period; modules add what they know of each (meters, …).</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<ContractSummary> Contracts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var contracts = await mediator.Send(new GetMyContracts(), HttpContext.RequestAborted);
        Contracts = contracts.IsSuccess ? contracts.Value : [];
    }

    public static IEnumerable<ConnectedServices> ServicesOf(ConnectedServices services) =>
        Enum.GetValues<ConnectedServices>().Where(s => s != ConnectedServices.None && services.HasFlag(s));
}
