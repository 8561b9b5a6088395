using Modular.Notifications.Contracts;
using Modular.Notifications.Domain;

namespace Modular.Notifications.Outages;

internal static class OutageProjection
{
    public static OutageView View(Outage o) => new(o.Id, o.Number, o.Kind, o.Services, o.Start, o.ExpectedEnd, o.RestoredAt, o.Texts,
        OutageRules.LocalityList(o.Localities), o.Updates, o.Version);
}
