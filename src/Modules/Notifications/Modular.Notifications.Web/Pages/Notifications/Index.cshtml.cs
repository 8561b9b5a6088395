using MediatR;
using Modular.Notifications.Contracts;
using Modular.Web.Pages;

namespace Modular.Notifications.Web.Pages.Notifications;

/// <summary>The notification centre: what was sent to the user, when, on which channel and its delivery status; newest first, paged.</summary>
public sealed class IndexModel(IMediator mediator) : PortalPageModel
{
    public const int PageSize = 20;

    public NotificationPage Notifications { get; private set; } = new([], 1, PageSize, 0);

    public NotificationSettings? Settings { get; private set; }

    public async Task OnGetAsync(int page = 1)
    {
        var found = await mediator.Send(new GetMyNotifications(Math.Max(1, page), PageSize), HttpContext.RequestAborted);
        Notifications = found.IsSuccess ? found.Value : Notifications;
        var settings = await mediator.Send(new GetMyNotificationSettings(), HttpContext.RequestAborted);
        Settings = settings.IsSuccess ? settings.Value : null;
    }

    public bool HasNext => Notifications.Page * Notifications.PageSize < Notifications.Total;
}
