using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Ports;
using Modular.Kiosks.Device.Posting;
using Modular.Payments.Contracts;
using Modular.Payments.Domain;
using Modular.Payments.Persistence;
using Npgsql;
using Shouldly;

namespace Modular.Kiosks.Tests;

/// <summary>
/// The kiosk's journal posted to Payments and Kiosks: once per entry however often and by however many pollers it is
/// replayed, nothing posted (and no payment offered) while the kiosk is unknown or the central database unreachable, and a
/// kiosk process killed mid-payment loses nothing.
/// </summary>
public abstract class PostingTests(TestDatabase database) : IAsyncLifetime
{
    private KiosksHost _host = null!;
    private Guid _kiosk;

    protected TestDatabase Database => database;

    public virtual async Task InitializeAsync()
    {
        _host = await KiosksHost.StartAsync(database);
        _kiosk = await _host.SeedKioskAsync();
    }

    public virtual async Task DisposeAsync() => await _host.DisposeAsync();

    [DbFact]
    public async Task A_cash_entry_with_money_over_the_invoice_posts_one_kiosk_payment_and_one_transaction_of_the_day()
    {
        var customer = _host.World.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);
        var invoice = _host.World.AddInvoice(customer, "F-" + Guid.NewGuid().ToString("N")[..6], 120m);
        (await _host.Device.RefreshAsync(CancellationToken.None)).ShouldBeTrue(_host.Device.Problem);
        var entry = await CashEntryAsync(_host, customer, [invoice.InvoiceId], 100m, 50m);

        var report = await _host.Poster.PostPendingAsync(CancellationToken.None);

        report.ShouldBe(new PostingReport(1, 0));
        var posted = (await _host.Journal.GetAsync(entry, CancellationToken.None))!;
        posted.State.ShouldBe(JournalEntryState.Posted);
        posted.ReceiptNumber.ShouldNotBeNullOrEmpty();
        var payment = (await PaymentsOfEntryAsync(_host, entry)).ShouldHaveSingleItem();
        (payment.Id, payment.Amount, payment.Channel, payment.CustomerId, payment.Centre).ShouldBe((posted.PaymentId!.Value, 150m, PaymentChannel.Kiosk, customer.CustomerId, "CENTRAL"));
        var day = (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today))).Value;
        day.Notes.ShouldBe([new NoteCount(100m, 1), new NoteCount(50m, 1)]);
        day.CashInBox.ShouldBe(150m);
        (await _host.Poster.PostPendingAsync(CancellationToken.None)).ShouldBe(new PostingReport(0, 0));
    }

    [DbFact]
    public async Task Entries_replayed_by_two_pollers_at_once_and_again_post_each_payment_exactly_once()
    {
        var customer = _host.World.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);
        await _host.Device.RefreshAsync(CancellationToken.None);
        var cash = await CashEntryAsync(_host, customer, [], 200m, 10m);
        var card = await CardEntryAsync(_host, customer, 45.5m);

        // Two pollers (another process would have its own journal instance on the same file) race, then replay again.
        var other = new KioskJournalPoster(_host.Host.Container, new SqliteKioskJournal(_host.JournalPath, _host.Clock), _host.Device,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KioskJournalPoster>.Instance);
        await Task.WhenAll(_host.Poster.PostPendingAsync(CancellationToken.None), other.PostPendingAsync(CancellationToken.None));
        await Task.WhenAll(_host.Poster.PostPendingAsync(CancellationToken.None), other.PostPendingAsync(CancellationToken.None));

        (await PaymentsOfEntryAsync(_host, cash)).Count.ShouldBe(1);
        (await PaymentsOfEntryAsync(_host, card)).Count.ShouldBe(1);
        (await _host.TransactionsOfEntryAsync(cash)).ShouldBe(1);
        (await _host.TransactionsOfEntryAsync(card)).ShouldBe(1);
        (await _host.Journal.PendingAsync(CancellationToken.None)).ShouldBeEmpty();
        var day = (await _host.SendAsync(new GetKioskDay(_kiosk, _host.Today))).Value;
        day.Totals.ShouldBe([new KioskMethodTotal(KioskMethod.Cash, "RON", 1, 210m), new KioskMethodTotal(KioskMethod.Card, "RON", 1, 45.5m)]);
    }

    [DbFact]
    public async Task An_unknown_key_takes_no_payment_and_leaves_the_entries_pending()
    {
        await using var stranger = await KiosksHost.StartAsync(database, deviceKey: "nobody-issued-this-key");
        var customer = stranger.World.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);

        (await stranger.Device.RefreshAsync(CancellationToken.None)).ShouldBeFalse();
        stranger.Device.CanTakePayment.ShouldBeFalse();
        stranger.Device.Problem.ShouldBe("kiosks.key_invalid");
        var entry = await CashEntryAsync(stranger, customer, [], 50m);
        var report = await stranger.Poster.PostPendingAsync(CancellationToken.None);

        report.ShouldBe(new PostingReport(0, 1, "kiosks.key_invalid"));
        (await stranger.Journal.GetAsync(entry, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Completed);
        (await PaymentsOfEntryAsync(stranger, entry)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task The_heartbeat_reports_the_entries_pending_on_the_device()
    {
        var customer = _host.World.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);
        await CashEntryAsync(_host, customer, [], 50m);
        await CashEntryAsync(_host, customer, [], 10m);

        (await _host.Device.RefreshAsync(CancellationToken.None)).ShouldBeTrue();

        _host.Device.Identity!.KioskId.ShouldBe(_kiosk);
        var kiosk = (await _host.SendAsync(new GetKiosk(_kiosk))).Value.Kiosk;
        kiosk.PendingEntries.ShouldBe(2);
        kiosk.LastSeenAt.ShouldBe(_host.Clock.GetCurrentInstant());
    }

    [DbFact]
    public async Task A_kiosk_process_killed_mid_payment_loses_nothing_and_its_entry_posts_once_when_replayed_twice()
    {
        var customer = _host.World.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);
        var entry = Guid.NewGuid();
        var probe = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Modular.Kiosks.CrashProbe.dll"), _host.JournalPath, entry.ToString(), customer.CustomerId.ToString(),
                customer.ClientCode, "100", "50", "5"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(probe)!)
        {
            var lines = new List<string>();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!lines.Contains("ready"))
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow)
                    ?? throw new InvalidOperationException("The probe ended: " + await process.StandardError.ReadToEndAsync());
                lines.Add(line);
            }

            // SIGKILL mid-payment: the entry was begun and took three notes, but never completed.
            process.Kill();
            await process.WaitForExitAsync();
            lines.ShouldBe(["accepted 1", "accepted 2", "accepted 3", "ready"]);
        }

        // The kiosk starts again: the journal is opened, the entry with money taken becomes pending, and is replayed twice.
        (await _host.Journal.RecoverAsync(CancellationToken.None)).ShouldBe(1);
        var pending = (await _host.Journal.PendingAsync(CancellationToken.None)).ShouldHaveSingleItem();
        (pending.EntryId, pending.Taken, pending.Recovered).ShouldBe((entry, 155m, true));
        await _host.Device.RefreshAsync(CancellationToken.None);
        var other = new KioskJournalPoster(_host.Host.Container, new SqliteKioskJournal(_host.JournalPath, _host.Clock), _host.Device,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KioskJournalPoster>.Instance);
        await Task.WhenAll(_host.Poster.PostPendingAsync(CancellationToken.None), other.PostPendingAsync(CancellationToken.None));
        await Task.WhenAll(_host.Poster.PostPendingAsync(CancellationToken.None), other.PostPendingAsync(CancellationToken.None));

        var payment = (await PaymentsOfEntryAsync(_host, entry)).ShouldHaveSingleItem();
        payment.Amount.ShouldBe(155m);
        (await _host.TransactionsOfEntryAsync(entry)).ShouldBe(1);
        (await _host.Journal.GetAsync(entry, CancellationToken.None))!.State.ShouldBe(JournalEntryState.Posted);
    }

    /// <summary>A cash entry completed in the host's journal with <paramref name="notes"/> taken.</summary>
    internal static async Task<Guid> CashEntryAsync(KiosksHost host, CustomerSummary customer, IReadOnlyList<Guid> invoices, params decimal[] notes)
    {
        var entry = Guid.NewGuid();
        await host.Journal.BeginAsync(new JournalEntryStart(entry, customer.CustomerId, customer.ClientCode, invoices, KioskMethod.Cash, notes.Sum(), "RON", "ro"),
            CancellationToken.None);
        foreach (var note in notes)
        {
            await host.Journal.NoteAcceptedAsync(entry, new Note(note, "RON"), CancellationToken.None);
        }

        await host.Journal.CompleteAsync(entry, CancellationToken.None);
        return entry;
    }

    internal static async Task<Guid> CardEntryAsync(KiosksHost host, CustomerSummary customer, decimal amount)
    {
        var entry = Guid.NewGuid();
        await host.Journal.BeginAsync(new JournalEntryStart(entry, customer.CustomerId, customer.ClientCode, [], KioskMethod.Card, amount, "RON", "en"),
            CancellationToken.None);
        await host.Journal.CardAuthorizedAsync(entry, new CardAuthorization("AUTH" + entry.ToString("N")[..4], "4242"), CancellationToken.None);
        await host.Journal.CompleteAsync(entry, CancellationToken.None);
        return entry;
    }

    /// <summary>The payments Payments holds for a journal entry (its idempotency key ends with the entry id).</summary>
    internal static Task<List<Payment>> PaymentsOfEntryAsync(KiosksHost host, Guid entry)
    {
        var suffix = ":" + entry.ToString("D");
        return host.Host.WithContextAsync<PaymentsDbContext, List<Payment>>(db => db.Payments.AsNoTracking().Where(p => p.IdempotencyKey!.EndsWith(suffix)).ToListAsync());
    }
}

public sealed class SqlitePostingTests(SqliteDatabase database) : PostingTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPostingTests(PostgresDatabase database) : PostingTests(database), IClassFixture<PostgresDatabase>
{
    /// <summary>
    /// The kiosk host reaches PostgreSQL through a relay the test cuts: the kiosk stops offering payment, money already
    /// taken stays pending in its journal, and is posted once when the line is back.
    /// </summary>
    [DbFact]
    public async Task While_the_central_database_is_unreachable_no_payment_is_offered_and_the_journal_posts_once_it_returns()
    {
        var server = new NpgsqlConnectionStringBuilder(database.Storage.ConnectionString);
        await using var relay = new TcpRelay(server.Host!, server.Port);
        relay.Start();
        var viaRelay = new NpgsqlConnectionStringBuilder(database.Storage.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 5 }.ConnectionString;
        var world = new FakeWorld();
        await using var kiosk = await KiosksHost.StartAsync(database, new Dictionary<string, string?> { ["Modular:Storage:ConnectionString"] = viaRelay }, world: world);
        await kiosk.SeedKioskAsync();
        var customer = world.AddCustomer("K" + Guid.NewGuid().ToString("N")[..6]);
        (await kiosk.Device.RefreshAsync(CancellationToken.None)).ShouldBeTrue(kiosk.Device.Problem);
        kiosk.Device.CanTakePayment.ShouldBeTrue();

        // The line is cut mid-session, after the customer's notes were taken.
        var entry = await CashEntryAsync(kiosk, customer, [], 100m, 20m);
        relay.Stop();
        var report = await kiosk.Poster.PostPendingAsync(CancellationToken.None);

        report.Posted.ShouldBe(0);
        report.Pending.ShouldBe(1);
        kiosk.Device.CanTakePayment.ShouldBeFalse();
        (await kiosk.Device.RefreshAsync(CancellationToken.None)).ShouldBeFalse();
        kiosk.Device.CanTakePayment.ShouldBeFalse();
        kiosk.Device.Identity.ShouldNotBeNull("the kiosk still knows who it is");
        (await kiosk.Journal.PendingAsync(CancellationToken.None)).ShouldHaveSingleItem().EntryId.ShouldBe(entry);

        // The line is back: the kiosk takes payments again and the entry is posted, once however often it is replayed.
        relay.Start();
        await Poll.UntilAsync(() => kiosk.Device.RefreshAsync(CancellationToken.None), "the kiosk reaches the database again",
            TimeSpan.FromMinutes(1));
        kiosk.Device.CanTakePayment.ShouldBeTrue();
        (await kiosk.Poster.PostPendingAsync(CancellationToken.None)).ShouldBe(new PostingReport(1, 0));
        (await kiosk.Poster.PostPendingAsync(CancellationToken.None)).ShouldBe(new PostingReport(0, 0));
        (await PaymentsOfEntryAsync(kiosk, entry)).ShouldHaveSingleItem().Amount.ShouldBe(120m);
        (await kiosk.TransactionsOfEntryAsync(entry)).ShouldBe(1);
    }
}
