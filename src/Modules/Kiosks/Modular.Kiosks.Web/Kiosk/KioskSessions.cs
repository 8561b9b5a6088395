using Microsoft.AspNetCore.Http;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Modular.Kiosks.Contracts;
using NodaTime;

namespace Modular.Kiosks.Web.Kiosk;

/// <summary>The text size a kiosk customer chose (A, A+, A++), kept for their session.</summary>
public enum KioskTextSize
{
    Normal,
    Large,
    Larger,
}

/// <summary>An invoice the customer chose, as the receipt names it.</summary>
public sealed record KioskInvoiceLine(Guid InvoiceId, string Number, decimal Remaining);

/// <summary>What the customer chose to pay, before the money is taken.</summary>
/// <param name="Invoices">The invoices paid (none: an amount towards the balance).</param>
/// <param name="Amount">What the customer means to pay (card: what is charged; cash: what the notes should reach).</param>
/// <param name="Covers">What the chosen debts come to (the invoices' remaining amounts, or the balance due): paid over it is credit.</param>
public sealed record KioskChoice(IReadOnlyList<KioskInvoiceLine> Invoices, decimal Amount, decimal Covers, string Currency)
{
    public IReadOnlyList<Guid> InvoiceIds => Invoices.Select(i => i.InvoiceId).ToList();
}

/// <summary>A payment being taken: its journal entry and method.</summary>
public sealed record KioskPaymentInProgress(Guid EntryId, KioskMethod Method, KioskChoice Choice);

/// <summary>What the receipt screen shows once (the session is gone by then).</summary>
public sealed record KioskReceiptView(
    string? ReceiptNumber,
    decimal Paid,
    decimal Credit,
    string Currency,
    KioskMethod Method,
    bool Pending,
    bool Printed,
    Instant TakenAt);

/// <summary>
/// One kiosk customer's short server-side session: the browser holds only its id (an <c>HttpOnly</c> cookie without an
/// expiry). Language and text size may be chosen before a customer is found; finding one starts the customer's part.
/// Everything is in memory: a restarted kiosk starts again at the start screen.
/// </summary>
public sealed class KioskSession
{
    internal KioskSession(Guid id, string culture, Instant expiresAt)
    {
        Id = id;
        Culture = culture;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; }

    public string Culture { get; internal set; }

    public KioskTextSize TextSize { get; internal set; }

    public Instant ExpiresAt { get; internal set; }

    /// <summary>The customer found by a scanned invoice code or a client code; null at the start screen.</summary>
    public Guid? CustomerId { get; internal set; }

    public string? ClientCode { get; internal set; }

    /// <summary>The customer's initials, all the kiosk shows of their name.</summary>
    public string? Initials { get; internal set; }

    public KioskChoice? Choice { get; internal set; }

    public KioskPaymentInProgress? Payment { get; internal set; }

    /// <summary>The receipt the next screen shows once, after the customer's part has ended.</summary>
    public KioskReceiptView? Receipt { get; internal set; }

    /// <summary>Serialises the session's payment steps (a double tap, two requests at once).</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Forgets the customer and everything about them; language and text size stay.</summary>
    internal void ForgetCustomer()
    {
        CustomerId = null;
        ClientCode = null;
        Initials = null;
        Choice = null;
        Payment = null;
    }
}

/// <summary>The kiosk's sessions, kept in memory with a sliding expiry (<see cref="KioskScreenOptions.SessionMinutes"/>).</summary>
public sealed class KioskSessions(IClock clock, IOptions<KioskScreenOptions> options)
{
    private readonly ConcurrentDictionary<Guid, KioskSession> _sessions = new();

    private Duration Lifetime => Duration.FromMinutes(Math.Max(1, options.Value.SessionMinutes));

    /// <summary>The live session with this id (its expiry pushed on), or null when unknown or expired.</summary>
    public KioskSession? Find(Guid id)
    {
        Sweep();
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        session.ExpiresAt = clock.GetCurrentInstant() + Lifetime;
        return session;
    }

    public KioskSession Start(string culture)
    {
        var session = new KioskSession(Guid.NewGuid(), culture, clock.GetCurrentInstant() + Lifetime);
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>Ends the session: nothing of it stays on the server.</summary>
    public void End(Guid id) => _sessions.TryRemove(id, out _);

    /// <summary>Sessions open now (tests, the service screen).</summary>
    public int Count
    {
        get
        {
            Sweep();
            return _sessions.Count;
        }
    }

    private void Sweep()
    {
        var now = clock.GetCurrentInstant();
        foreach (var (id, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }
}
