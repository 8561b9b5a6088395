using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// Ends the customer's session ("cancel", or the inactivity dialog's countdown ran out). A payment with money already
/// taken is never dropped: it is finished and its receipt printed; one with nothing taken is cancelled.
/// </summary>
public sealed class EndModel(KioskPayments payments) : KioskPageModel
{
    public IActionResult OnGet() => ToStart();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Session is not { } session)
        {
            return ToStart();
        }

        await session.Gate.WaitAsync(HttpContext.RequestAborted);
        bool cancelled;
        try
        {
            cancelled = session.Payment is null || await payments.CancelAsync(session, HttpContext.RequestAborted);
        }
        finally
        {
            session.Gate.Release();
        }

        return cancelled ? EndAndStart() : Redirect("/kiosk/receipt");
    }
}
