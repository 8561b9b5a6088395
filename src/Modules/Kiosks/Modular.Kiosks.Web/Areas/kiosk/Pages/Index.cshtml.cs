using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Core.Limits;
using NodaTime;
using Microsoft.AspNetCore.Mvc;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Documents;
using Modular.Core.Access;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// The start screen: a keyboard-wedge scanner types the invoice's code (its text and Enter) into the focused field, or the
/// customer types their client code on the keypad. The customer is looked up as the kiosk itself (the one look-up the
/// kiosk makes before it has a customer); from then on every request is the customer's kiosk session. An unregistered
/// kiosk (no key, a wrong or retired one) shows only "out of service".
/// </summary>
public sealed class IndexModel(IServiceProvider services, IAttemptLimiter limiter, IOptions<KioskScreenOptions> options) : KioskPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool OutOfService { get; private set; }

    /// <summary>With the "throttled" error: how long to wait.</summary>
    public int RetryAfterSeconds { get; private set; }

    /// <summary>The error's text key, shown next to the field.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // The start forgets any customer left over (the back button, a session that timed out on another screen).
        if (Session is { CustomerId: not null })
        {
            KioskHttp.End(HttpContext);
        }

        OutOfService = !await RegisteredAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostFindAsync()
    {
        if (!await RegisteredAsync())
        {
            OutOfService = true;
            return Page();
        }

        var text = (Code ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            Error = "kiosk.start.code_required";
            return Page();
        }

        // Codes are guessable: look-ups that find nobody slow down this kiosk and the code typed, like the portal's proofs.
        var reservation = await limiter.BeginAsync(LookupKeys(text), HttpContext.RequestAborted);
        if (reservation.IsRefused)
        {
            Error = "kiosk.start.throttled";
            RetryAfterSeconds = reservation.RetryAfterSeconds;
            return Page();
        }

        var customer = text.Length > 200 ? null : await FindAsync(text);
        if (customer is null)
        {
            Error = "kiosk.start.not_found";
            return Page();
        }

        await limiter.SucceededAsync(reservation, HttpContext.RequestAborted);

        var session = KioskHttp.Ensure(HttpContext);
        session.ForgetCustomer();
        session.CustomerId = customer.CustomerId;
        session.ClientCode = customer.ClientCode;
        session.Initials = KioskMasking.Initials(customer.Name);
        return Redirect("/kiosk/due");
    }

    private List<AttemptKey> LookupKeys(string text)
    {
        var settings = options.Value;
        var rule = new AttemptRule(settings.LookupAttempts, Duration.FromSeconds(settings.LookupBaseSeconds), Duration.FromSeconds(settings.LookupMaxSeconds),
            Duration.FromHours(1));
        var code = (InvoiceCode.ClientCodeIn(text) ?? InvoiceCode.InvoiceNumberIn(text) ?? text).ToUpperInvariant();
        return
        [
            new AttemptKey("kiosk.lookup:kiosk:" + Device.Identity!.KioskId.ToString("N"), rule),
            new AttemptKey("kiosk.lookup:code:" + (code.Length > 50 ? code[..50] : code), rule, ResetOnSuccess: true),
        ];
    }

    private async Task<bool> RegisteredAsync()
    {
        if (Device.Identity is not null)
        {
            return true;
        }

        // A key issued since the last heartbeat (or a database back since) is tried at once.
        await Device.RefreshAsync(HttpContext.RequestAborted);
        return Device.Identity is not null;
    }

    /// <summary>The customer a scanned invoice code or a typed client code names (both must agree when the code has both).</summary>
    private async Task<CustomerSummary?> FindAsync(string text)
    {
        var ct = HttpContext.RequestAborted;
        var number = InvoiceCode.InvoiceNumberIn(text);
        var clientCode = InvoiceCode.ClientCodeIn(text) ?? (number is null && text.Length <= 50 ? text : null);
        if (number is not null)
        {
            var invoice = await services.SendAsAsync(Caller.System, new FindInvoiceByNumber(number), ct);
            if (invoice.IsFailure || (clientCode is not null && !string.Equals(invoice.Value.ClientCode, clientCode, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            clientCode = invoice.Value.ClientCode;
        }

        if (clientCode is null)
        {
            return null;
        }

        var customer = await services.SendAsAsync(Caller.System, new FindCustomerByClientCode(clientCode), ct);
        return customer.IsSuccess ? customer.Value : null;
    }
}
