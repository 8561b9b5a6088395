using MediatR;
using Modular.Core.Time;
using Modular.Notifications.Contracts;
using Modular.Web.Pages;

namespace Modular.Notifications.Web.Pages.Outages;

/// <summary>The public outages page (no sign-in): current and planned outages by locality, in the visitor's language.</summary>
public sealed class IndexModel(IMediator mediator, UtilityClock clock) : PortalPageModel
{
    public IReadOnlyList<OutageView> Current { get; private set; } = [];

    public IReadOnlyList<OutageView> Planned { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var outages = await mediator.Send(new GetPublicOutages(), HttpContext.RequestAborted);
        var all = outages.IsSuccess ? outages.Value : [];
        var now = clock.Now;
        Current = all.Where(o => o.Start <= now).ToList();
        Planned = all.Where(o => o.Start > now).ToList();
    }

    /// <summary>Outages grouped by locality (an outage drawn only as a polygon under "other areas"), localities in order.</summary>
    public static IEnumerable<IGrouping<string, OutageView>> ByLocality(IReadOnlyList<OutageView> outages, string otherAreas) =>
        outages.SelectMany(o => (o.Localities.Count == 0 ? [otherAreas] : o.Localities).Select(l => (Locality: l, Outage: o)))
            .GroupBy(x => x.Locality, x => x.Outage)
            .OrderBy(g => g.Key == otherAreas ? 1 : 0).ThenBy(g => g.Key, StringComparer.CurrentCulture);
}
