using Autofac;
using Microsoft.Extensions.Logging;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Journal;
using Modular.Payments.Contracts;

namespace Modular.Kiosks.Device.Posting;

/// <summary>
/// The shipped poster: each completed journal entry goes to Payments as a counter payment of the customer's kiosk session
/// (<see cref="RecordCounterPayment"/>: idempotency key = the entry id, centre = the kiosk's centre, terminal = the kiosk's
/// code, channel Kiosk; money over the invoices becomes credit), then to the kiosk's day (<see cref="RecordKioskTransaction"/>,
/// once per entry), then is marked posted. An entry refused by either stays pending (the heartbeat reports it); an
/// exception (the central database unreachable) stops the pass and marks the device unable to take payments.
/// </summary>
public sealed class KioskJournalPoster(ILifetimeScope root, IKioskJournal journal, KioskDevice device, ILogger<KioskJournalPoster> logger) : IKioskPoster
{
    public async Task<PostingReport> PostPendingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JournalEntry> pending = await journal.PendingAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return new PostingReport(0, 0);
        }

        if (device.Identity is null && !await device.RefreshAsync(cancellationToken) && device.Identity is null)
        {
            return new PostingReport(0, pending.Count, device.Problem);
        }

        var identity = device.Identity!;
        var posted = 0;
        string? problem = null;
        foreach (var entry in pending)
        {
            try
            {
                var outcome = await PostAsync(identity, entry, cancellationToken);
                if (outcome is null)
                {
                    posted++;
                }
                else
                {
                    problem = outcome;
                    logger.LogWarning("Journal entry {EntryId} stays pending: {Problem}", entry.EntryId, outcome);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problem = e.GetType().Name + ": " + e.Message;
                device.Unreachable(problem);
                logger.LogWarning(e, "Posting the kiosk's journal stopped: the central database is unreachable");
                break;
            }
        }

        return new PostingReport(posted, pending.Count - posted, problem);
    }

    /// <summary>Posts one entry; null when it is posted, else the error code that keeps it pending.</summary>
    private async Task<string?> PostAsync(KioskIdentity identity, JournalEntry entry, CancellationToken cancellationToken)
    {
        var method = entry.Method == KioskMethod.Card ? CounterMethod.Card : CounterMethod.Cash;
        var receipt = await root.SendAsAsync(Caller.KioskSession(entry.CustomerId, entry.Culture),
            new RecordCounterPayment(entry.ClientCode, entry.InvoiceIds, entry.Taken, entry.Currency, method, identity.Centre, identity.Code,
                entry.EntryId.ToString("D"), CardReference: entry.Card?.Code), cancellationToken);
        if (receipt.IsFailure)
        {
            return receipt.Error.Code;
        }

        var notes = entry.Notes.GroupBy(n => n.Denomination).Select(g => new NoteCount(g.Key, g.Count())).ToList();
        var recorded = await root.SendAsAsync(Caller.System,
            new RecordKioskTransaction(identity.KioskId, entry.EntryId, receipt.Value.PaymentId, entry.Method, entry.Taken, entry.Currency,
                entry.Method == KioskMethod.Cash ? notes : [], entry.Card?.Code, entry.CompletedAt ?? entry.StartedAt), cancellationToken);
        if (recorded.IsFailure)
        {
            return recorded.Error.Code;
        }

        await journal.MarkPostedAsync(entry.EntryId, receipt.Value.PaymentId, receipt.Value.ReceiptNumber, cancellationToken);
        return null;
    }
}
