using Microsoft.AspNetCore.Http;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Kiosks.Device;
using Modular.Kiosks.Device.Ports;
using Modular.Web.Localization;

namespace Modular.Kiosks.Web.Kiosk.Pages;

/// <summary>
/// Pay in cash: the acceptor takes notes (each journaled before it is kept) and the screen counts them as they come; no
/// change is given, and what goes over the amount is the customer's credit. "Done" finishes; "Cancel" is offered only
/// while nothing was inserted. With <c>Modular:Kiosk:Simulators</c> the screen has buttons that insert notes.
/// </summary>
public sealed class CashModel(KioskPayments payments, IOptions<KioskDeviceOptions> deviceOptions) : KioskPageModel
{
    public Currency Currency { get; private set; } = Currency.Of("RON");

    public decimal Due { get; private set; }

    public IReadOnlyList<Note> Notes { get; private set; } = [];

    public decimal Inserted => Notes.Sum(n => n.Denomination);

    /// <summary>The simulator's buttons, when the host runs the simulators.</summary>
    public IReadOnlyList<decimal> SimulatorNotes { get; private set; } = [];

    /// <summary>The error's text key, if any.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (CustomerSession is not { Choice: not null } session)
        {
            return Session?.CustomerId is null ? ToStart() : Redirect("/kiosk/due");
        }

        await session.Gate.WaitAsync(HttpContext.RequestAborted);
        try
        {
            Error = await payments.StartCashAsync(session, HttpContext.RequestAborted);
        }
        finally
        {
            session.Gate.Release();
        }

        await LoadAsync(session);
        return Page();
    }

    /// <summary>The count so far, for the screen's live update (a real acceptor's notes arrive between requests).</summary>
    public async Task<IActionResult> OnGetStatusAsync()
    {
        if (CustomerSession is not { Payment: not null } session)
        {
            return new JsonResult(new { ended = true });
        }

        await LoadAsync(session);
        return new JsonResult(new
        {
            ended = false,
            count = Notes.Count,
            inserted = Formats.Money(new Money(Inserted, Currency)),
            insertedAmount = Inserted.ToString(CultureInfo.InvariantCulture),
            remaining = Formats.Money(new Money(Math.Max(0m, Due - Inserted), Currency)),
            credit = Formats.Money(new Money(Math.Max(0m, Inserted - (session.Payment.Choice.Covers)), Currency)),
        });
    }

    /// <summary>The simulator's note (development and tests): inserted into the acceptor as a customer would.</summary>
    public async Task<IActionResult> OnPostInsertAsync(decimal note)
    {
        if (CustomerSession is not { Payment: not null } session || payments.Simulator is not { } simulator || !deviceOptions.Value.Simulators)
        {
            return Session?.Receipt is not null ? Redirect("/kiosk/receipt") : Redirect("/kiosk/cash");
        }

        if (!await simulator.InsertAsync(note, HttpContext.RequestAborted))
        {
            Error = "kiosk.cash.note_returned";
            await LoadAsync(session);
            return Page();
        }

        return Redirect("/kiosk/cash");
    }

    public async Task<IActionResult> OnPostDoneAsync()
    {
        if (CustomerSession is not { } session)
        {
            return Session?.Receipt is not null ? Redirect("/kiosk/receipt") : ToStart();
        }

        await session.Gate.WaitAsync(HttpContext.RequestAborted);
        try
        {
            if (session.CustomerId is null)
            {
                return Redirect("/kiosk/receipt");
            }

            Error = await payments.FinishCashAsync(session, HttpContext.RequestAborted);
        }
        finally
        {
            session.Gate.Release();
        }

        if (Error is null)
        {
            return Redirect("/kiosk/receipt");
        }

        await LoadAsync(session);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        if (CustomerSession is not { } session)
        {
            return ToStart();
        }

        await session.Gate.WaitAsync(HttpContext.RequestAborted);
        bool cancelled;
        try
        {
            cancelled = await payments.CancelAsync(session, HttpContext.RequestAborted);
        }
        finally
        {
            session.Gate.Release();
        }

        // Money that arrived while cancelling was paid in: its receipt. Otherwise back to the start, nothing kept.
        return cancelled ? EndAndStart() : Redirect("/kiosk/receipt");
    }

    public string Money(decimal amount) => Formats.Money(new Money(amount, Currency));

    private async Task LoadAsync(KioskSession session)
    {
        var choice = session.Payment?.Choice ?? session.Choice;
        if (choice is not null)
        {
            Currency = Currency.Of(choice.Currency);
            Due = choice.Amount;
        }

        Notes = await payments.InsertedAsync(session, HttpContext.RequestAborted);
        SimulatorNotes = payments.Simulator is { } simulator && deviceOptions.Value.Simulators
            ? KioskScreenOptions.SimulatorNotes.Where(n => simulator.Denominations.Contains(n)).ToList()
            : [];
    }
}
