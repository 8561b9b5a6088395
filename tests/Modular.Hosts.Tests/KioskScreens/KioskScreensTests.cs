using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Core.Documents;
using Modular.Readings.Contracts;
using Modular.Kiosks.Device;
using Modular.Kiosks.Device.Journal;
using Modular.Kiosks.Device.Posting;
using Shouldly;
using Xunit;

namespace Modular.Hosts.Tests.KioskScreens;

/// <summary>
/// The kiosk's screens in the real kiosk host: finding a customer by client code or scanned invoice code, what is due with
/// the customer masked, the limits per payment, paying by card and in cash (excess → credit) with the session ending after
/// the receipt, cancelling before money is taken, and a kiosk without a valid key out of service.
/// </summary>
public abstract partial class KioskScreensTests(KioskHost host)
{
    [DbFact]
    public async Task An_unregistered_kiosk_shows_only_out_of_service_and_the_host_only_the_kiosk()
    {
        await host.KioskAsync();
        await using var unregistered = new KioskFactory(host.Database, new Dictionary<string, string?> { ["Modular:Kiosk:DeviceKey"] = "not-a-key-the-back-office-issued" });
        var client = unregistered.Client();

        var root = await client.GetAsync("/");
        root.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        root.Headers.Location!.OriginalString.ShouldBe("/kiosk");
        (await client.GetAsync("/Account/Login")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var start = await client.GetStringAsync("/kiosk");
        start.ShouldContain("data-screen=\"out-of-service\"");
        start.ShouldContain("Chioșc indisponibil");
        start.ShouldNotContain("name=\"Code\"");

        var customer = (await host.CustomerWithOpenInvoicesAsync()).Customer;
        var find = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        find.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await find.Content.ReadAsStringAsync()).ShouldContain("data-screen=\"out-of-service\"");
    }

    [DbFact]
    public async Task A_client_code_opens_what_is_due_with_the_customer_masked()
    {
        var kiosk = await host.KioskAsync();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var client = kiosk.Client();

        var find = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        find.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        find.Headers.Location!.OriginalString.ShouldBe("/kiosk/due");
        var cookie = find.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("modular.kiosk=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldNotContain("expires", Case.Insensitive);
        cookie.ShouldNotContain(customer.ClientCode);

        var due = await client.GetAsync("/kiosk/due");
        due.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await due.Content.ReadAsStringAsync();
        foreach (var invoice in open)
        {
            html.ShouldContain($"data-invoice=\"{invoice.InvoiceId}\"");
        }

        html.ShouldContain("data-initials=\"" + Initials(customer.Name) + "\"");
        html.ShouldNotContain(customer.Name);
        html.ShouldNotContain(customer.Email!);
        if (customer.Address.Street is { Length: > 0 } street)
        {
            html.ShouldNotContain(street.Split(" nr.")[0]);
        }

        html.ShouldNotContain("@");
    }

    [DbFact]
    public async Task A_scanned_invoice_code_opens_its_customer_and_a_code_of_another_client_does_not()
    {
        var kiosk = await host.KioskAsync();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var invoice = open[0];
        var scanned = InvoiceCode.Format(customer.ClientCode, invoice.Number, invoice.Total.Amount, invoice.Total.Currency.Code);
        var client = kiosk.Client();

        var find = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", scanned));
        find.Headers.Location!.OriginalString.ShouldBe("/kiosk/due");
        (await client.GetStringAsync("/kiosk/due")).ShouldContain($"data-invoice=\"{invoice.InvoiceId}\"");

        var other = kiosk.Client();
        var forged = InvoiceCode.Format("100001", invoice.Number, invoice.Total.Amount, invoice.Total.Currency.Code);
        var refused = await KioskFactory.PostAsync(other, "/kiosk", "/kiosk?handler=Find", ("Code", forged));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Nu am găsit acest cod");
        (await other.GetAsync("/kiosk/due")).Headers.Location!.OriginalString.ShouldBe("/kiosk");
    }

    [DbFact]
    public async Task An_unknown_code_answers_a_clear_error_in_the_chosen_language()
    {
        var kiosk = await host.KioskAsync();
        var client = kiosk.Client();

        var romanian = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", "990099"));
        romanian.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await romanian.Content.ReadAsStringAsync()).ShouldContain("Nu am găsit acest cod. Verificați codul de client de pe factură și încercați din nou.");

        var english = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk/settings?handler=Language", ("culture", "en"), ("returnPage", "/kiosk"));
        english.Headers.Location!.OriginalString.ShouldBe("/kiosk");
        var again = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", "990099"));
        var html = await again.Content.ReadAsStringAsync();
        html.ShouldContain("<html lang=\"en\"");
        html.ShouldContain("We could not find this code.");

        var latvian = await KioskFactory.PostAsync(client, "/kiosk", "/kiosk/settings?handler=Language", ("culture", "lv"), ("returnPage", "/kiosk"));
        latvian.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await (await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", "")))
            .Content.ReadAsStringAsync()).ShouldContain("Noskenējiet rēķinu vai ievadiet klienta kodu.");
    }

    [DbFact]
    public async Task A_payment_over_the_kiosks_limit_is_refused_and_nothing_is_chosen()
    {
        var kiosk = await host.KioskAsync();
        var (customer, _) = await host.CustomerWithOpenInvoicesAsync();
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));

        var card = await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", ("Mode", "amount"), ("Amount", "3000,01"), ("method", "Card"));
        card.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await card.Content.ReadAsStringAsync()).ShouldContain("Cu cardul se pot plăti cel mult 3.000,00");
        var cash = await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", ("Mode", "amount"), ("Amount", "1600"), ("method", "Cash"));
        (await cash.Content.ReadAsStringAsync()).ShouldContain("Numerar se pot plăti cel mult 1.500,00");
        var invalid = await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", ("Mode", "amount"), ("Amount", "-5"), ("method", "Card"));
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("Introduceți o sumă mai mare decât zero");

        (await client.GetAsync("/kiosk/card")).Headers.Location!.OriginalString.ShouldBe("/kiosk/due");
        (await client.GetAsync("/kiosk/cash")).Headers.Location!.OriginalString.ShouldBe("/kiosk/due");
    }

    [DbFact]
    public async Task A_card_payment_pays_the_invoices_prints_the_receipt_and_ends_the_session()
    {
        var kiosk = await host.KioskAsync();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));

        var fields = open.Select(i => ("InvoiceIds", (string?)i.InvoiceId.ToString())).Append(("Mode", "invoices")).Append(("method", "Card")).ToArray();
        var chosen = await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", fields);
        chosen.Headers.Location!.OriginalString.ShouldBe("/kiosk/card");
        var paid = await KioskFactory.PostAsync(client, "/kiosk/card", "/kiosk/card");
        paid.Headers.Location!.OriginalString.ShouldBe("/kiosk/receipt");

        var receipt = await client.GetStringAsync("/kiosk/receipt");
        receipt.ShouldContain("data-pending=\"false\"");
        var number = ReceiptNumber().Match(receipt).Value;
        number.ShouldNotBeEmpty(receipt);
        decimal.Parse(PaidAmount().Match(receipt).Groups[1].Value, CultureInfo.InvariantCulture).ShouldBe(open.Sum(i => i.Remaining.Amount));

        // Shown once: the session is over, nothing of the customer is left.
        (await client.GetAsync("/kiosk/receipt")).Headers.Location!.OriginalString.ShouldBe("/kiosk");
        (await client.GetAsync("/kiosk/due")).Headers.Location!.OriginalString.ShouldBe("/kiosk");
        var start = await client.GetStringAsync("/kiosk");
        start.ShouldContain("data-screen=\"start\"");
        start.ShouldNotContain(customer.ClientCode);
        start.ShouldNotContain(open[0].Number);

        await kiosk.DrainOutboxAsync();
        var stillOpen = await kiosk.AsSystemAsync(async m => (await m.Send(new GetOpenInvoices([customer.CustomerId]))).Value);
        stillOpen.Where(i => i.Remaining.Amount > 0m).ShouldBeEmpty();
        var printed = Directory.GetFiles(kiosk.PrinterFolder, "*.bin", SearchOption.AllDirectories);
        printed.ShouldContain(f => Path.GetFileNameWithoutExtension(f) == number && Path.GetFileName(Path.GetDirectoryName(f)) == "CENTRAL-T-K1");
    }

    [DbFact]
    public async Task Cash_over_the_amount_due_becomes_credit_and_the_receipt_says_so()
    {
        var kiosk = await host.KioskAsync();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var invoice = open[0];
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        var chosen = await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due",
            ("InvoiceIds", invoice.InvoiceId.ToString()), ("Mode", "invoices"), ("method", "Cash"));
        chosen.Headers.Location!.OriginalString.ShouldBe("/kiosk/cash");

        var inserted = 0m;
        while (inserted <= invoice.Remaining.Amount)
        {
            var note = await KioskFactory.PostAsync(client, "/kiosk/cash", "/kiosk/cash?handler=Insert", ("note", "100"));
            note.Headers.Location!.OriginalString.ShouldBe("/kiosk/cash");
            inserted += 100m;
        }

        (await client.GetStringAsync("/kiosk/cash")).ShouldContain($"data-inserted=\"{inserted.ToString(CultureInfo.InvariantCulture)}\"");
        var done = await KioskFactory.PostAsync(client, "/kiosk/cash", "/kiosk/cash?handler=Done");
        done.Headers.Location!.OriginalString.ShouldBe("/kiosk/receipt");
        var receipt = await client.GetStringAsync("/kiosk/receipt");
        var credit = inserted - invoice.Remaining.Amount;
        receipt.ShouldContain($"data-credit=\"{credit.ToString(CultureInfo.InvariantCulture)}\"");
        receipt.ShouldContain("Nu s-a dat rest");

        await kiosk.DrainOutboxAsync();
        var balance = await kiosk.AsSystemAsync(async m => (await m.Send(new GetBalance(customer.CustomerId))).Value);
        balance.Credit.Amount.ShouldBeGreaterThanOrEqualTo(credit);
        var remaining = await kiosk.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([invoice.InvoiceId]))).Value.Single().Remaining.Amount);
        remaining.ShouldBe(0m);
    }

    [DbFact]
    public async Task Cancelling_before_any_money_returns_to_the_start_with_nothing_taken()
    {
        var kiosk = await host.KioskAsync();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", ("InvoiceIds", open[0].InvoiceId.ToString()), ("Mode", "invoices"), ("method", "Cash"));
        (await client.GetStringAsync("/kiosk/cash")).ShouldContain("handler=Cancel");

        var cancelled = await KioskFactory.PostAsync(client, "/kiosk/cash", "/kiosk/cash?handler=Cancel");
        cancelled.Headers.Location!.OriginalString.ShouldBe("/kiosk");
        (await client.GetAsync("/kiosk/due")).Headers.Location!.OriginalString.ShouldBe("/kiosk");
        var journal = kiosk.Services.GetRequiredService<IKioskJournal>();
        (await journal.PendingAsync(CancellationToken.None)).ShouldBeEmpty();
        var remaining = await kiosk.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([open[0].InvoiceId]))).Value.Single().Remaining.Amount);
        remaining.ShouldBe(open[0].Remaining.Amount);
    }

    [DbFact]
    public async Task While_the_central_database_is_unreachable_no_payment_is_offered_and_cash_taken_prints_a_pending_receipt()
    {
        var kiosk = await host.KioskAsync();
        var device = kiosk.Services.GetRequiredService<KioskDevice>();
        var (customer, open) = await host.CustomerWithOpenInvoicesAsync();
        var invoice = open[0];
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        await KioskFactory.PostAsync(client, "/kiosk/due", "/kiosk/due", ("InvoiceIds", invoice.InvoiceId.ToString()), ("Mode", "invoices"), ("method", "Cash"));
        var inserted = 0m;
        while (inserted < invoice.Remaining.Amount)
        {
            await KioskFactory.PostAsync(client, "/kiosk/cash", "/kiosk/cash?handler=Insert", ("note", "100"));
            inserted += 100m;
        }

        // The heartbeat or a post found the database gone while the customer was inserting notes.
        device.Unreachable("the central database does not answer");
        try
        {
            var other = kiosk.Client();
            await KioskFactory.PostAsync(other, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
            var due = await other.GetStringAsync("/kiosk/due");
            due.ShouldContain("Momentan chioșcul nu poate primi plăți.");
            due.ShouldNotContain("name=\"method\"");
            var refused = await KioskFactory.PostAsync(other, "/kiosk/due", "/kiosk/due", ("InvoiceIds", invoice.InvoiceId.ToString()), ("Mode", "invoices"), ("method", "Card"));
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);

            var done = await KioskFactory.PostAsync(client, "/kiosk/cash", "/kiosk/cash?handler=Done");
            done.Headers.Location!.OriginalString.ShouldBe("/kiosk/receipt");
            var receipt = await client.GetStringAsync("/kiosk/receipt");
            receipt.ShouldContain("data-pending=\"true\"");
            receipt.ShouldContain("Plata a fost primită și va fi înregistrată");
            ReceiptNumber().IsMatch(receipt).ShouldBeFalse();
            Directory.GetFiles(Path.Combine(kiosk.PrinterFolder, "CENTRAL-T-K1"), "pending-*.bin").ShouldNotBeEmpty();
            var unpaid = await kiosk.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([invoice.InvoiceId]))).Value.Single().Remaining.Amount);
            unpaid.ShouldBe(invoice.Remaining.Amount);
        }
        finally
        {
            (await device.RefreshAsync(CancellationToken.None)).ShouldBeTrue();
        }

        // Back: the journal's entry posts, once however often it is replayed.
        var poster = kiosk.Services.GetRequiredService<IKioskPoster>();
        await poster.PostPendingAsync(CancellationToken.None);
        await poster.PostPendingAsync(CancellationToken.None);
        await kiosk.DrainOutboxAsync();
        var remaining = await kiosk.AsSystemAsync(async m => (await m.Send(new GetInvoicesByIds([invoice.InvoiceId]))).Value.Single().Remaining.Amount);
        remaining.ShouldBe(0m);
        var balance = await kiosk.AsSystemAsync(async m => (await m.Send(new GetBalance(customer.CustomerId))).Value);
        balance.Credit.Amount.ShouldBeGreaterThanOrEqualTo(inserted - invoice.Remaining.Amount);
        (await kiosk.Services.GetRequiredService<IKioskJournal>().PendingAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    [DbFact]
    public async Task A_reading_at_the_kiosk_follows_the_readings_rules_and_is_the_kiosks()
    {
        var kiosk = await host.KioskAsync();
        var (customer, _) = await host.CustomerWithOpenInvoicesAsync();
        var meter = await kiosk.AsSystemAsync(async m =>
        {
            var contracts = (await m.Send(new ListContracts(null, 1000))).Value.Where(c => c.CustomerId == customer.CustomerId);
            var meters = new List<MeterView>();
            foreach (var contract in contracts)
            {
                meters.AddRange((await m.Send(new GetMetersForContract(contract.ContractId))).Value);
            }

            return meters.FirstOrDefault(v => v.RemovedOn is null && v.Window.CanSubmit && v.PreviousIndex is not null);
        });
        meter.ShouldNotBeNull("a demo customer with a self-read meter");
        var client = kiosk.Client();
        await KioskFactory.PostAsync(client, "/kiosk", "/kiosk?handler=Find", ("Code", customer.ClientCode));
        (await client.GetStringAsync("/kiosk/due")).ShouldContain("href=\"/kiosk/reading\"");
        (await client.GetStringAsync("/kiosk/reading")).ShouldContain($"data-meter=\"{meter.MeterId}\"");

        var lower = await KioskFactory.PostAsync(client, "/kiosk/reading", "/kiosk/reading",
            ("MeterId", meter.MeterId.ToString()), ("Index", (meter.PreviousIndex!.Value - 1m).ToString(CultureInfo.InvariantCulture)));
        var refused = await lower.Content.ReadAsStringAsync();
        refused.ShouldContain("id=\"reading-error\"");
        refused.ShouldNotContain("data-reading-stored");
        var index = (meter.PreviousIndex!.Value + 3m).ToString(CultureInfo.InvariantCulture);
        var sent = await (await KioskFactory.PostAsync(client, "/kiosk/reading", "/kiosk/reading", ("MeterId", meter.MeterId.ToString()), ("Index", index)))
            .Content.ReadAsStringAsync();
        if (!sent.Contains("data-reading-stored", StringComparison.Ordinal))
        {
            // A consumption Readings finds unusual is confirmed, as in the portal.
            sent = await (await KioskFactory.PostAsync(client, "/kiosk/reading", "/kiosk/reading",
                ("MeterId", meter.MeterId.ToString()), ("Index", index), ("ConfirmWarnings", "true"))).Content.ReadAsStringAsync();
        }

        sent.ShouldContain("Indexul a fost înregistrat.");
        var history = await kiosk.AsSystemAsync(async m => (await m.Send(new GetReadingHistory(meter.MeterId, null))).Value);
        history.ShouldContain(r => r.Index == meter.PreviousIndex!.Value + 3m && r.Source == ReadingSource.Kiosk);
    }

    private static string Initials(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.First(char.IsLetter)).Take(3).Select(c => char.ToUpperInvariant(c) + "."));

    [GeneratedRegex(@"R \d{6}")]
    private static partial Regex ReceiptNumber();

    [GeneratedRegex("data-paid=\"([0-9.]+)\"")]
    private static partial Regex PaidAmount();
}

public sealed class SqliteKioskScreensTests(SqliteKioskHost host) : KioskScreensTests(host), IClassFixture<SqliteKioskHost>;

[Postgres]
public sealed class PostgresKioskScreensTests(PostgresKioskHost host) : KioskScreensTests(host), IClassFixture<PostgresKioskHost>;
