namespace Modular.Kiosks.Device.Posting;

/// <summary>What one pass of the poster did.</summary>
/// <param name="Posted">Entries posted in this pass.</param>
/// <param name="Pending">Entries still waiting (the central database unreachable, or refused).</param>
/// <param name="Problem">Why entries stay pending, when they do (an error code or the exception's message).</param>
public sealed record PostingReport(int Posted, int Pending, string? Problem = null);

/// <summary>
/// Posts the journal's completed entries: each as a counter payment of the customer's kiosk session in Payments
/// (idempotency key = the entry id, centre = the kiosk's centre, terminal = the kiosk's code), then as a transaction of the
/// kiosk's day in Kiosks, then marks it posted. Replaying is safe: Payments answers the same receipt for the same entry
/// and Kiosks records the entry once, so each entry is one payment however often it is posted, from however many pollers.
/// </summary>
public interface IKioskPoster
{
    Task<PostingReport> PostPendingAsync(CancellationToken cancellationToken);
}
