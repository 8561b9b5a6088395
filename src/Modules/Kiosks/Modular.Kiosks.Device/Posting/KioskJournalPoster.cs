namespace Modular.Kiosks.Device.Posting;

/// <summary>The shipped poster: the journal's completed entries to Payments and Kiosks, once each.</summary>
public sealed class KioskJournalPoster : IKioskPoster
{
    public Task<PostingReport> PostPendingAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
