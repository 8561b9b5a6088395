using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Money;
using Modular.Core.Time;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// The last screen of a customer: what was paid, the receipt number (or "pending" when the central database did not
/// answer), the credit if any, and that the receipt was printed. It is shown once: the session ends as it renders, so a
/// reload or the back button finds the start screen.
/// </summary>
public sealed class ReceiptModel(UtilityClock clock) : KioskPageModel
{
    /// <summary>Seconds before the kiosk goes back to the start by itself.</summary>
    public const int ReturnSeconds = 30;

    public KioskReceiptView? Receipt { get; private set; }

    public IActionResult OnGet()
    {
        if (Session?.Receipt is not { } receipt)
        {
            return EndAndStart();
        }

        Receipt = receipt;
        KioskHttp.End(HttpContext);
        ViewData["ReturnSeconds"] = ReturnSeconds;
        return Page();
    }

    public string Money(decimal amount) => Formats.Money(new Money(amount, Currency.Of(Receipt!.Currency)));

    public string Time => Formats.Instant(Receipt!.TakenAt, clock.Zone);
}
