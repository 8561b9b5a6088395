using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Modular.Core.Money;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// Pay by card: the amount chosen, and the customer presents the card on the kiosk's terminal. The terminal's approval
/// is journaled before anything else; a decline or a cancel on the terminal comes back here with nothing taken.
/// </summary>
public sealed class CardModel(KioskPayments payments) : KioskPageModel
{
    public Money? Amount { get; private set; }

    /// <summary>The error's text key, if any.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (CustomerSession is not { Choice: { } choice })
        {
            return Session?.CustomerId is null ? ToStart() : Redirect("/kiosk/due");
        }

        Amount = new Money(choice.Amount, Currency.Of(choice.Currency));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (CustomerSession is not { Choice: { } choice } session)
        {
            return Session?.Receipt is not null ? Redirect("/kiosk/receipt") : ToStart();
        }

        await session.Gate.WaitAsync(HttpContext.RequestAborted);
        try
        {
            // A second tap while the first was paying: the receipt of the first.
            if (session.CustomerId is null)
            {
                return Redirect("/kiosk/receipt");
            }

            Error = await payments.PayByCardAsync(session, HttpContext.RequestAborted);
        }
        finally
        {
            session.Gate.Release();
        }

        if (Error is null)
        {
            return Redirect("/kiosk/receipt");
        }

        Amount = new Money(choice.Amount, Currency.Of(choice.Currency));
        return Page();
    }

    public string Format(Money money) => Formats.Money(money);
}
