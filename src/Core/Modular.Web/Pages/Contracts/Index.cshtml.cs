using MediatR;
using Modular.Accounts.Contracts;
using Modular.Readings.Contracts;

namespace Modular.Web.Pages.Contracts;

/// <summary>The user's contracts: number, address, services, and the meters with serial and verification date.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<ContractSummary> Contracts { get; private set; } = [];

    public ILookup<Guid, MeterView> Meters { get; private set; } = Array.Empty<MeterView>().ToLookup(m => m.ContractId);

    public async Task OnGetAsync()
    {
        var contracts = await mediator.Send(new GetMyContracts(), HttpContext.RequestAborted);
        Contracts = contracts.IsSuccess ? contracts.Value : [];
        var meters = await mediator.Send(new GetMyMeters(), HttpContext.RequestAborted);
        Meters = (meters.IsSuccess ? meters.Value : []).ToLookup(m => m.ContractId);
    }

    public static IEnumerable<ConnectedServices> ServicesOf(ConnectedServices services) =>
        Enum.GetValues<ConnectedServices>().Where(s => s != ConnectedServices.None && services.HasFlag(s));
}
