using System.Text;
using Modular.Core.Access;
using Modular.Core.Printing;
using Modular.Payments.Contracts;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Payments.Tests;

/// <summary>Receipts printed at the desk: the template's words as ESC/POS, read back by the independent reader.</summary>
public abstract class PrintedReceiptTests(TestDatabase database) : IAsyncLifetime
{
    private readonly string _printer = Path.Combine(Path.GetTempPath(), "modular-printer-" + Guid.NewGuid().ToString("N"));
    private PaymentsHost _host = null!;

    public async Task InitializeAsync() => _host = await PaymentsHost.StartAsync(database,
        new Dictionary<string, string?> { ["Modular:Printing:Folder"] = _printer });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_printer))
        {
            Directory.Delete(_printer, recursive: true);
        }
    }

    private static Caller Cashier() => Caller.Staff(Guid.NewGuid(), [StaffRoles.Cashier], Channel.Counter);

    private async Task<CounterReceipt> CashAsync(Caller cashier, decimal amount, decimal tendered)
    {
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        var invoice = _host.World.AddInvoice(customer, "AP " + Random.Shared.Next(100_000, 999_999), amount);
        var result = await _host.SendAsync(new RecordCounterPayment(customer.ClientCode, [invoice.InvoiceId], amount, "RON", CounterMethod.Cash,
            "Centrul Gării", "Casa 2", Guid.NewGuid().ToString("N"), tendered), cashier);
        result.IsSuccess.ShouldBeTrue(result.ToString());
        return result.Value;
    }

    [DbFact]
    public async Task The_desk_prints_the_receipt_in_romanian_with_the_change_given()
    {
        var cashier = Cashier();
        var paid = await CashAsync(cashier, 80m, 100m);

        var printed = await _host.SendAsync(new PrintReceipt(paid.PaymentId, "ro"), cashier);

        printed.IsSuccess.ShouldBeTrue(printed.ToString());
        printed.Value.Device.ShouldBe("Centrul Gării-Casa 2");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_printer, "Centrul Gării-Casa 2", paid.ReceiptNumber + ".bin"));
        var read = await EscPosReader.ReadAsync(bytes);
        read.Commands.ShouldNotContain(c => c.StartsWith("Unknown", StringComparison.Ordinal));
        read.Commands.ShouldContain("PrintBarcodeCmd");
        // Epson's table 45 is CP1250, by the reader's own printer profiles; ș and ț print with the cedilla it carries.
        var text = read.Decode(45);
        text.ShouldContain("Apa & Canal Test SA");
        text.ShouldContain($"Chitanţă de plată nr. {paid.ReceiptNumber}");
        text.ShouldContain("Centrul / casa" + Spaces("Centrul / casa", "Centrul Gării / Casa 2") + "Centrul Gării / Casa 2");
        text.ShouldContain("Total achitat" + Spaces("Total achitat", "80,00 RON") + "80,00 RON");
        text.ShouldContain("Primit" + Spaces("Primit", "100,00 RON") + "100,00 RON");
        text.ShouldContain("Rest" + Spaces("Rest", "20,00 RON") + "20,00 RON");
        text.ShouldContain("Vă mulţumim!");

        // The same bytes are there to download, and asking again prints again.
        (await _host.SendAsync(new GetReceipt(paid.PaymentId, ReceiptFormat.EscPos, "ro"), cashier)).Value.Content.ShouldBe(bytes);
        (await _host.SendAsync(new PrintReceipt(paid.PaymentId, "ro"), cashier)).IsSuccess.ShouldBeTrue();
        File.Exists(Path.Combine(_printer, "Centrul Gării-Casa 2", paid.ReceiptNumber + ".2.bin")).ShouldBeTrue();
    }

    [DbFact]
    public async Task A_latvian_receipt_takes_the_baltic_table()
    {
        var cashier = Cashier();
        var paid = await CashAsync(cashier, 18.4m, 20m);

        var document = (await _host.SendAsync(new GetReceipt(paid.PaymentId, ReceiptFormat.EscPos, "lv"), cashier)).Value;

        document.FileName.ShouldBe(paid.ReceiptNumber + ".bin");
        // Table 51: CP1257 in the reader's profiles.
        var text = (await EscPosReader.ReadAsync(document.Content)).Decode(51);
        text.ShouldContain($"Maksājuma kvīts Nr. {paid.ReceiptNumber}");
        text.ShouldContain("Kopā samaksāts");
        text.ShouldContain("Atlikums");
        text.ShouldContain("skaidra nauda");
    }

    [DbFact]
    public async Task Only_a_desk_payment_is_printed_and_only_by_staff_who_take_payments()
    {
        var paid = await CashAsync(Cashier(), 10m, 10m);
        var customer = _host.World.AddCustomer("CL" + Random.Shared.Next(1_000_000, 9_999_999));
        await _host.SendAsync(new ImportPartnerFile("PayPoint", new MemoryStream(Encoding.UTF8.GetBytes(
            $"ID tranzactie;Data;Cod client;Suma;Terminal;Card\np-{customer.ClientCode};24.11.2026;{customer.ClientCode};10,00;T-1;\n")), "p.csv"));
        var partner = (await _host.SendAsync(new GetMyPayments(), _host.World.UserOf(customer))).Value.ShouldHaveSingleItem();

        (await _host.SendAsync(new PrintReceipt(partner.PaymentId), Cashier())).Error.Code.ShouldBe("payments.no_receipt_printer");
        (await _host.SendAsync(new PrintReceipt(paid.PaymentId), _host.World.UserOf(customer))).Error.Code.ShouldBe("core.forbidden");
        (await _host.SendAsync(new PrintReceipt(Guid.NewGuid()), Cashier())).Error.Code.ShouldBe("payments.payment_not_found");
        // Nothing reached the printer: its folder was never made.
        Directory.Exists(_printer).ShouldBeFalse();
    }

    private static string Spaces(string label, string value) => new(' ', PrinterProfile.EpsonTmT88.Columns - label.Length - value.Length);
}

public sealed class SqlitePrintedReceiptTests(SqliteDatabase database) : PrintedReceiptTests(database), IClassFixture<SqliteDatabase>;

[Postgres]
public sealed class PostgresPrintedReceiptTests(PostgresDatabase database) : PrintedReceiptTests(database), IClassFixture<PostgresDatabase>;
