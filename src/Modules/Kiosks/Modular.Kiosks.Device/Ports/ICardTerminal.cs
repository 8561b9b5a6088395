namespace Modular.Kiosks.Device.Ports;

/// <summary>A card payment to authorize on the kiosk's POS terminal, for one journal entry.</summary>
public sealed record CardRequest(Guid EntryId, decimal Amount, string Currency);

/// <summary>What the terminal answered.</summary>
public enum CardOutcome
{
    /// <summary>The money is taken: <see cref="CardResult.AuthorizationCode"/> proves it.</summary>
    Approved,

    /// <summary>The bank or the terminal refused the card (<see cref="CardResult.Reason"/>); nothing was taken.</summary>
    Declined,

    /// <summary>The customer cancelled on the terminal, or it timed out; nothing was taken.</summary>
    Cancelled,
}

/// <param name="AuthorizationCode">The terminal's authorization code (approved only).</param>
/// <param name="CardLast4">At most the last four digits of the card (approved only); never more of the card number.</param>
/// <param name="Reason">Why it was declined, as the terminal says it (declined only).</param>
public sealed record CardResult(CardOutcome Outcome, string? AuthorizationCode = null, string? CardLast4 = null, string? Reason = null)
{
    public static CardResult Approved(string authorizationCode, string? cardLast4 = null) => new(CardOutcome.Approved, authorizationCode, cardLast4);

    public static CardResult Declined(string reason) => new(CardOutcome.Declined, Reason: reason);

    public static CardResult Cancelled { get; } = new(CardOutcome.Cancelled);
}

/// <summary>
/// The kiosk's POS card terminal. The shipped <c>SimulatedCardTerminal</c> approves (or declines configured amounts); a real
/// adapter is the integrator's. An adapter must guarantee:
/// <list type="bullet">
/// <item>Idempotency per <see cref="CardRequest.EntryId"/>: asked again for the same entry (the kiosk restarted while
/// waiting), it answers the first outcome and never charges the card twice (pass the entry id as the terminal's
/// transaction reference).</item>
/// <item>No card data leaves the terminal: at most the last four digits of the card, never the full number, expiry or
/// CVV.</item>
/// <item>It answers <see cref="CardOutcome.Cancelled"/> when <c>cancellationToken</c> fires before the customer
/// presented a card, and only then; once the card is charged it answers <see cref="CardOutcome.Approved"/> even if
/// cancellation was asked.</item>
/// </list>
/// </summary>
public interface ICardTerminal
{
    Task<CardResult> AuthorizeAsync(CardRequest request, CancellationToken cancellationToken);
}
