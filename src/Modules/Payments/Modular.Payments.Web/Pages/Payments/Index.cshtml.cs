using MediatR;
using Modular.Payments.Contracts;
using Modular.Web.Pages;

namespace Modular.Payments.Web.Pages.Payments;

/// <summary>The user's payments with their channel and status.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public IReadOnlyList<PaymentSummary> Payments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var result = await mediator.Send(new GetMyPayments(100), HttpContext.RequestAborted);
        Payments = result.IsSuccess ? result.Value : [];
    }
}
