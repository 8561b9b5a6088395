using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Notifications.Contracts;
using Modular.Web.Pages;

namespace Modular.Notifications.Web.Pages.Notifications;

/// <summary>
/// The email's unsubscribe link (anonymous). GET shows what the link turns off and a button (mail scanners follow links, so a
/// GET changes nothing); POST – the button, or the mail client's RFC 8058 one-click <c>List-Unsubscribe=One-Click</c>, which
/// carries no antiforgery token – turns off that one type for that user.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(IMediator mediator) : PortalPageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    public Unsubscribed? Done { get; private set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
        if (string.IsNullOrEmpty(Token))
        {
            Problem = Text["notifications.link_invalid"];
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mediator.Send(new UnsubscribeByLink(Token ?? string.Empty), HttpContext.RequestAborted);
        if (result.IsSuccess)
        {
            Done = result.Value;
        }
        else
        {
            Problem = Text.Describe(result.Error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
