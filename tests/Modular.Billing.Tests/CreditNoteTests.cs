using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Billing.Persistence;
using Modular.Core.Money;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using NodaTime;
using Shouldly;
using Xunit;

namespace Modular.Billing.Tests;

/// <summary>Credit notes: reversals and corrections, what they do to what is owed and paid, repeated and racing requests.</summary>
public abstract class CreditNoteTests(TestDatabase database) : BillingTestBase(database)
{
    private ContractSummary _contract = null!;

    /// <summary>10 m³ at 5.00 + 4.00 with 11 % VAT and a 3.10 monthly fee: 93.10 net, 10.24 VAT, 103.34 in all.</summary>
    private async Task<Invoice> InvoiceAsync()
    {
        await StandardTariffsAsync();
        await AddTariffAsync(TariffService.FixedMonthlyFee, 3.10m, new LocalDate(2020, 1, 1));
        _contract = World.AddContract();
        World.SetConsumption(_contract, October, 10m);
        await RunAsync(October);
        return await InvoiceOfAsync(_contract.ContractId, October);
    }

    private Task<Core.Results.Result<CreditNoteSummary>> CreditAsync(Guid invoiceId, CreditNoteReason reason, IReadOnlyList<CreditNoteLineRequest>? lines = null,
        Guid? requestId = null, string? note = null) =>
        Host.SendAsync(new IssueCreditNote(invoiceId, reason, lines, note, requestId ?? Guid.NewGuid()));

    private Task PayAsync(Invoice invoice, decimal amount) =>
        DeliverAsync(new PaymentSettled(Guid.NewGuid(), Host.Clock.GetCurrentInstant(), Guid.NewGuid(), invoice.CustomerId, Money.Of(amount, "RON"), [invoice.Id],
            PaymentChannel.Online, "ref", new LocalDate(2026, 11, 5)));

    private Task<List<CreditNote>> CreditNotesAsync() =>
        Host.WithContextAsync<BillingDbContext, List<CreditNote>>(db => db.CreditNotes.AsNoTracking().OrderBy(c => c.Sequence).ToListAsync());

    [DbFact]
    public async Task A_reversal_cancels_the_invoice_to_the_cent_and_what_was_paid_becomes_the_customer_s_credit()
    {
        var invoice = await InvoiceAsync();
        await PayAsync(invoice, 40m);

        var credit = (await CreditAsync(invoice.Id, CreditNoteReason.Reversal)).Value;

        credit.Number.ShouldBe("CN 000001");
        (credit.Net.Amount, credit.Vat.Amount, credit.Total.Amount).ShouldBe((invoice.Net, invoice.Vat, invoice.Total));
        var after = await InvoiceOfAsync(_contract.ContractId, October);
        (after.Status, after.Credited, after.Paid, after.Remaining).ShouldBe((InvoiceStatus.Cancelled, invoice.Total, 0m, 0m));
        var balance = (await Host.SendAsync(new GetBalance(invoice.CustomerId))).Value;
        (balance.OpenInvoices.Amount, balance.Credit.Amount, balance.Due.Amount).ShouldBe((0m, 40m, -40m));
        (await CreditAsync(invoice.Id, CreditNoteReason.Reversal)).Error.Code.ShouldBe("billing.invoice_cancelled");
        (await Host.SendAsync(new GetCreditNotes(invoice.Id))).Value.Single().CreditNoteId.ShouldBe(credit.CreditNoteId);
    }

    [DbFact]
    public async Task A_correction_lowers_what_is_owed_and_no_later_credit_takes_more_than_is_left()
    {
        var invoice = await InvoiceAsync();

        var correction = (await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 2m)], note: "Contor defect")).Value;

        (correction.Net.Amount, correction.Vat.Amount, correction.Total.Amount).ShouldBe((10.00m, 1.10m, 11.10m));
        var after = await InvoiceOfAsync(_contract.ContractId, October);
        (after.Status, after.Remaining).ShouldBe((InvoiceStatus.Issued, invoice.Total - 11.10m));
        var tooMuch = await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 8.001m)]);
        tooMuch.Error.Code.ShouldBe("billing.credit_quantity_invalid");
        tooMuch.Error.Arguments["left"].ShouldBe(8.000m);

        // The reversal takes exactly what is left, so the two credit notes together are the invoice.
        var rest = (await CreditAsync(invoice.Id, CreditNoteReason.Reversal)).Value;

        (correction.Total.Amount + rest.Total.Amount).ShouldBe(invoice.Total);
        (correction.Vat.Amount + rest.Vat.Amount).ShouldBe(invoice.Vat);
        (await CreditNotesAsync()).Select(c => c.Sequence).ShouldBe([1L, 2L]);
    }

    [DbFact]
    public async Task A_correction_of_a_paid_invoice_frees_the_overpaid_part_as_credit()
    {
        var invoice = await InvoiceAsync();
        await PayAsync(invoice, invoice.Total);

        var correction = (await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(3, 1m)])).Value;

        correction.Total.Amount.ShouldBe(3.44m);
        var after = await InvoiceOfAsync(_contract.ContractId, October);
        (after.Status, after.Paid, after.Remaining).ShouldBe((InvoiceStatus.Paid, invoice.Total - 3.44m, 0m));
        (await Host.SendAsync(new GetBalance(invoice.CustomerId))).Value.Credit.Amount.ShouldBe(3.44m);
    }

    [DbFact]
    public async Task Bad_requests_are_refused_with_their_reason_and_change_nothing()
    {
        var invoice = await InvoiceAsync();
        var contract = World.AddContract();
        await Host.SendAsync(new ImportInvoices("number,client_code,contract_id,period,issue_date,due_date,currency,net,vat,total,paid,estimated,cubic_meters\n"
            + $"ERP 1,{contract.ClientCode},{contract.ContractId},2026-10,2026-11-01,2026-11-15,RON,10.00,1.10,11.10,0,false,2\n"));
        var imported = await InvoiceOfAsync(contract.ContractId, October);
        var userId = Guid.NewGuid();
        World.UserCustomers[userId] = invoice.CustomerId;

        (await CreditAsync(invoice.Id, CreditNoteReason.Correction)).Error.Code.ShouldBe("billing.credit_lines_required");
        (await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 1m), new(1, 2m)])).Error.Code.ShouldBe("billing.credit_lines_repeated");
        (await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(9, 1m)])).Error.Code.ShouldBe("billing.credit_line_invalid");
        (await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 0m)])).Error.Code.ShouldBe("billing.credit_quantity_invalid");
        (await CreditAsync(invoice.Id, CreditNoteReason.Reversal, note: new string('x', 301))).Error.Code.ShouldBe("billing.credit_note_too_long");
        (await CreditAsync(imported.Id, CreditNoteReason.Reversal)).Error.Code.ShouldBe("billing.invoice_not_creditable");
        (await CreditAsync(Guid.NewGuid(), CreditNoteReason.Reversal)).Error.Code.ShouldBe("billing.invoice_not_found");
        (await Host.SendAsync(new IssueCreditNote(invoice.Id, CreditNoteReason.Reversal, null, null, Guid.NewGuid()),
            Core.Access.Caller.Customer(userId))).Error.Code.ShouldBe("core.forbidden");

        (await CreditNotesAsync()).ShouldBeEmpty();
        (await InvoiceOfAsync(_contract.ContractId, October)).Version.ShouldBe(invoice.Version);
        (await CreditAsync(invoice.Id, CreditNoteReason.Reversal)).Value.Number.ShouldBe("CN 000001");
    }

    [DbFact]
    public async Task The_same_request_sent_again_or_at_the_same_time_issues_one_credit_note()
    {
        var invoice = await InvoiceAsync();
        var requestId = Guid.NewGuid();

        var racing = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 1m)], requestId))));
        var again = await CreditAsync(invoice.Id, CreditNoteReason.Correction, [new(1, 1m)], requestId);

        racing.ShouldAllBe(r => r.IsSuccess);
        racing.Select(r => r.Value.CreditNoteId).Append(again.Value.CreditNoteId).Distinct().Count().ShouldBe(1);
        (await CreditNotesAsync()).Count.ShouldBe(1);
        (await InvoiceOfAsync(_contract.ContractId, October)).Credited.ShouldBe(again.Value.Total.Amount);
    }

    [DbFact]
    public async Task Racing_reversals_of_one_invoice_issue_one_and_numbers_stay_gapless_across_invoices()
    {
        var invoice = await InvoiceAsync();
        var contracts = Enumerable.Range(0, 4).Select(_ => World.AddContract()).ToList();
        foreach (var (contract, i) in contracts.Select((c, i) => (c, i)))
        {
            World.SetConsumption(contract, October, 3m + i);
        }

        await RunAsync(October);
        var others = new List<Invoice>();
        foreach (var contract in contracts)
        {
            others.Add(await InvoiceOfAsync(contract.ContractId, October));
        }

        var reversals = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CreditAsync(invoice.Id, CreditNoteReason.Reversal))));
        var corrections = await Task.WhenAll(others.Select(o => Task.Run(() => CreditAsync(o.Id, CreditNoteReason.Correction, [new(1, 1m)]))));

        reversals.Count(r => r.IsSuccess).ShouldBe(1);
        reversals.Where(r => r.IsFailure).ShouldAllBe(r => r.Error.Code == "billing.invoice_cancelled");
        corrections.ShouldAllBe(r => r.IsSuccess);
        (await CreditNotesAsync()).Select(c => c.Sequence).ShouldBe([1L, 2L, 3L, 4L, 5L]);
        (await InvoiceOfAsync(_contract.ContractId, October)).Credited.ShouldBe(invoice.Total);
    }

    [DbFact]
    public async Task Without_e_invoices_enabled_no_e_invoice_is_made_and_nothing_is_queued()
    {
        var invoice = await InvoiceAsync();
        await Host.DrainOutboxAsync();

        (await Host.SendAsync(new GetEInvoice(invoice.Id))).Error.Code.ShouldBe("billing.einvoice_disabled");
        (await Host.SendAsync(new TransmitEInvoices())).Error.Code.ShouldBe("billing.einvoice_disabled");
        (await Host.WithContextAsync<BillingDbContext, int>(db => db.EInvoiceTransmissions.CountAsync())).ShouldBe(0);
    }

    [DbFact]
    public async Task A_payment_racing_a_reversal_is_never_lost()
    {
        var invoice = await InvoiceAsync();

        await Task.WhenAll(
            Task.Run(() => CreditAsync(invoice.Id, CreditNoteReason.Reversal)),
            Task.Run(async () =>
            {
                // A delivery that loses the race on the invoice's version fails and is retried, as the outbox does.
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await PayAsync(invoice, 50m);
                        return;
                    }
                    catch (Exception) when (attempt < 5)
                    {
                    }
                }
            }));

        var after = await InvoiceOfAsync(_contract.ContractId, October);
        after.Status.ShouldBe(InvoiceStatus.Cancelled);
        var balance = (await Host.SendAsync(new GetBalance(invoice.CustomerId))).Value;
        (balance.OpenInvoices.Amount, balance.Credit.Amount).ShouldBe((0m, 50m));
    }
}

public sealed class SqliteCreditNoteTests(SqliteDatabase database) : CreditNoteTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresCreditNoteTests(PostgresDatabase database) : CreditNoteTests(database), IClassFixture<PostgresDatabase>;
