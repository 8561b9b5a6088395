using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Money;
using Modular.Core.Printing;
using Modular.Core.Time;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Ports;
using Modular.Kiosks.Device.Posting;
using Modular.Kiosks.Device.Simulators;
using Modular.Web.Branding;
using Modular.Web.Localization;
using NodaTime.Text;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>
/// The money steps of a kiosk session: every card authorization and every note goes into the device's journal before the
/// kiosk acts on it; a completed entry is posted at once when the central database answers (else it stays pending and the
/// receipt says so), then the receipt is printed in the session's language and the customer's part of the session ends.
/// Answers are text keys of the kiosk's screens (null: done).
/// </summary>
public sealed class KioskPayments(
    KioskDevice device,
    IKioskJournal journal,
    ICardTerminal terminal,
    ICashAcceptor acceptor,
    IKioskPoster poster,
    IReceiptPrinter printer,
    PortalText text,
    PortalBranding branding,
    UtilityClock clock,
    IOptions<KioskScreenOptions> options,
    ILogger<KioskPayments> logger)
{
    private static readonly LocalDateTimePattern ReceiptTime = LocalDateTimePattern.CreateWithInvariantCulture("dd.MM.yyyy HH:mm");

    /// <summary>The simulated acceptor, when the host runs the simulators (its buttons are shown then).</summary>
    public SimulatedCashAcceptor? Simulator => acceptor as SimulatedCashAcceptor;

    /// <summary>Why a choice cannot be paid with <paramref name="method"/> (a text key), or null.</summary>
    public string? Refusal(KioskChoice choice, KioskMethod method)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (!device.CanTakePayment)
        {
            return "kiosk.pay.unavailable";
        }

        var limit = method == KioskMethod.Card ? options.Value.MaxCard : options.Value.MaxCash;
        return choice.Amount > limit ? (method == KioskMethod.Card ? "kiosk.pay.over_card_limit" : "kiosk.pay.over_cash_limit") : null;
    }

    public decimal Limit(KioskMethod method) => method == KioskMethod.Card ? options.Value.MaxCard : options.Value.MaxCash;

    /// <summary>Charges the chosen amount on the card terminal; an approval is journaled, completed, posted and printed.</summary>
    public async Task<string?> PayByCardAsync(KioskSession session, CancellationToken cancellationToken)
    {
        if (session is not { CustomerId: { } customerId, ClientCode: { } clientCode, Choice: { } choice })
        {
            return "kiosk.session.expired";
        }

        if (Refusal(choice, KioskMethod.Card) is { } refusal)
        {
            return refusal;
        }

        // The same entry again (a double tap): the terminal answers its first outcome and never charges twice.
        var entryId = session.Payment is { Method: KioskMethod.Card } started ? started.EntryId : Guid.NewGuid();
        await journal.BeginAsync(new JournalEntryStart(entryId, customerId, clientCode, choice.InvoiceIds, KioskMethod.Card, choice.Amount, choice.Currency,
            session.Culture), cancellationToken);
        session.Payment = new KioskPaymentInProgress(entryId, KioskMethod.Card, choice);
        var result = await terminal.AuthorizeAsync(new CardRequest(entryId, choice.Amount, choice.Currency), cancellationToken);
        if (result.Outcome != CardOutcome.Approved)
        {
            await journal.CancelAsync(entryId, cancellationToken);
            session.Payment = null;
            return result.Outcome == CardOutcome.Declined ? "kiosk.card.declined" : "kiosk.card.cancelled";
        }

        await journal.CardAuthorizedAsync(entryId, new CardAuthorization(result.AuthorizationCode ?? string.Empty, result.CardLast4), cancellationToken);
        var entry = await journal.CompleteAsync(entryId, cancellationToken);
        await SettleAsync(session, entry, cancellationToken);
        return null;
    }

    /// <summary>Starts the acceptor for the session's choice (again: the same entry), each note journaled before it is kept.</summary>
    public async Task<string?> StartCashAsync(KioskSession session, CancellationToken cancellationToken)
    {
        if (session is not { CustomerId: { } customerId, ClientCode: { } clientCode, Choice: { } choice })
        {
            return "kiosk.session.expired";
        }

        if (session.Payment is { Method: KioskMethod.Cash })
        {
            return null;
        }

        if (Refusal(choice, KioskMethod.Cash) is { } refusal)
        {
            return refusal;
        }

        var entryId = Guid.NewGuid();
        await journal.BeginAsync(new JournalEntryStart(entryId, customerId, clientCode, choice.InvoiceIds, KioskMethod.Cash, choice.Amount, choice.Currency,
            session.Culture), cancellationToken);
        // The acceptor calls back from later requests: only singletons here (the journal), never this request's services.
        var kioskJournal = journal;
        await acceptor.StartAsync(entryId, options.Value.MaxCash, choice.Currency, async (note, ct) =>
        {
            await kioskJournal.NoteAcceptedAsync(entryId, note, ct);
            return true;
        }, cancellationToken);
        session.Payment = new KioskPaymentInProgress(entryId, KioskMethod.Cash, choice);
        return null;
    }

    /// <summary>The notes journaled so far for the session's cash payment.</summary>
    public async Task<IReadOnlyList<Note>> InsertedAsync(KioskSession session, CancellationToken cancellationToken) =>
        session.Payment is { Method: KioskMethod.Cash, EntryId: var entryId } && await journal.GetAsync(entryId, cancellationToken) is { } entry
            ? entry.Notes
            : [];

    /// <summary>Ends the cash payment: the acceptor stops, and the notes kept are completed, posted and printed.</summary>
    public async Task<string?> FinishCashAsync(KioskSession session, CancellationToken cancellationToken)
    {
        if (session.Payment is not { Method: KioskMethod.Cash, EntryId: var entryId })
        {
            return "kiosk.session.expired";
        }

        if ((await InsertedAsync(session, cancellationToken)).Count == 0)
        {
            return "kiosk.cash.nothing_inserted";
        }

        await acceptor.StopAsync(entryId, cancellationToken);
        var entry = await journal.CompleteAsync(entryId, cancellationToken);
        await SettleAsync(session, entry, cancellationToken);
        return null;
    }

    /// <summary>
    /// Cancels the payment in progress when nothing was taken (the acceptor stopped first, so no note slips in); answers
    /// false when money was taken, which then has to be finished instead.
    /// </summary>
    public async Task<bool> CancelAsync(KioskSession session, CancellationToken cancellationToken)
    {
        if (session.Payment is not { EntryId: var entryId } payment)
        {
            return true;
        }

        if (payment.Method == KioskMethod.Cash)
        {
            var kept = await acceptor.StopAsync(entryId, cancellationToken);
            if (kept.Notes.Count > 0 || (await InsertedAsync(session, cancellationToken)).Count > 0)
            {
                // Money arrived while cancelling: it is the customer's, and is paid in.
                var entry = await journal.CompleteAsync(entryId, cancellationToken);
                await SettleAsync(session, entry, cancellationToken);
                return false;
            }
        }

        if (await journal.GetAsync(entryId, cancellationToken) is { State: JournalEntryState.Started })
        {
            await journal.CancelAsync(entryId, cancellationToken);
        }

        session.Payment = null;
        return true;
    }

    /// <summary>Posts the completed entry if the central database answers, prints the receipt, and ends the customer's part.</summary>
    private async Task SettleAsync(KioskSession session, JournalEntry entry, CancellationToken cancellationToken)
    {
        var choice = session.Payment?.Choice ?? session.Choice;
        try
        {
            if (device.CanTakePayment)
            {
                await poster.PostPendingAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Kiosk entry {EntryId} stays pending", entry.EntryId);
        }

        var posted = await journal.GetAsync(entry.EntryId, cancellationToken) ?? entry;
        var pending = posted.State != JournalEntryState.Posted || posted.ReceiptNumber is null;
        var taken = posted.Taken;
        var credit = choice is null ? 0m : Math.Max(0m, taken - choice.Covers);
        var takenAt = posted.CompletedAt ?? clock.Now;
        var printed = await PrintAsync(session, posted, choice, pending, credit, cancellationToken);
        session.ForgetCustomer();
        session.Receipt = new KioskReceiptView(pending ? null : posted.ReceiptNumber, taken, credit, posted.Currency, posted.Method, pending, printed, takenAt);
    }

    private async Task<bool> PrintAsync(KioskSession session, JournalEntry entry, KioskChoice? choice, bool pending, decimal credit, CancellationToken cancellationToken)
    {
        var currency = Currency.Of(entry.Currency);
        string Money(decimal amount) => Formats.Money(new Money(amount, currency));
        var identity = device.Identity;
        var receipt = new PrintedReceipt().Title(branding.Name).Centered(text["kiosk.receipt.title"], bold: true);
        if (pending)
        {
            receipt.Rule().Centered(text["kiosk.receipt.pending"], bold: true).Text(text["kiosk.receipt.pending_note"]);
        }

        receipt.Rule()
            .Row(text["kiosk.receipt.number"], pending ? "–" : entry.ReceiptNumber ?? "–")
            .Row(text["kiosk.receipt.kiosk"], identity is null ? "–" : $"{identity.Code} ({identity.Centre})")
            .Row(text["kiosk.receipt.time"], ReceiptTime.Format((entry.CompletedAt ?? clock.Now).InZone(clock.Zone).LocalDateTime))
            .Row(text["kiosk.receipt.client_code"], entry.ClientCode)
            .Row(text["kiosk.receipt.method"], text[entry.Method == KioskMethod.Card ? "kiosk.method.card" : "kiosk.method.cash"]);
        if (entry.Card is { } card)
        {
            receipt.Row(text["kiosk.receipt.authorization"], card.Code);
            if (!string.IsNullOrEmpty(card.CardLast4))
            {
                receipt.Row(text["kiosk.receipt.card"], "**** " + card.CardLast4);
            }
        }

        foreach (var group in entry.Notes.GroupBy(n => n.Denomination).OrderByDescending(g => g.Key))
        {
            receipt.Row(text.Get("kiosk.receipt.notes", ("count", group.Count()), ("note", Money(group.Key))), Money(group.Key * group.Count()));
        }

        receipt.Rule();
        foreach (var invoice in choice?.Invoices ?? [])
        {
            receipt.Row(text.Get("kiosk.receipt.invoice", ("number", invoice.Number)), Money(invoice.Remaining));
        }

        receipt.Row(text["kiosk.receipt.paid"], Money(entry.Taken), bold: true);
        if (credit > 0m)
        {
            receipt.Row(text["kiosk.receipt.credit"], Money(credit), bold: true).Text(text["kiosk.receipt.no_change"]);
        }

        receipt.Rule().Centered(text["kiosk.receipt.thanks"]);
        if (!pending && entry.ReceiptNumber is { } number)
        {
            receipt.Barcode(number);
        }

        var printerDevice = device.PrinterDevice ?? "kiosk";
        try
        {
            var outcome = await printer.PrintAsync(printerDevice, pending ? "pending-" + entry.EntryId.ToString("N") : entry.ReceiptNumber!, receipt, cancellationToken);
            if (!outcome.Printed)
            {
                logger.LogWarning("The kiosk's receipt for entry {EntryId} was not printed: {Problem}", entry.EntryId, outcome.Problem);
            }

            return outcome.Printed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The kiosk's printer failed for entry {EntryId}", entry.EntryId);
            return false;
        }
    }
}
