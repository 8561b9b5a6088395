using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Modular.Core.Printing;
using Modular.TestSupport;
using Shouldly;
using Xunit;

namespace Modular.Core.Tests.Printing;

/// <summary>Receipts for thermal printers, read back by an ESC/POS reader we did not write.</summary>
public sealed class EscPosReceiptTests
{
    private static readonly EscPosWriter Epson = new(PrinterProfile.EpsonTmT88);

    private static PrintedReceipt Romanian() => new PrintedReceipt()
        .Title("Apă Nova Giurgiu")
        .Centered("Centrul de încasare Gării, chioșc K-07")
        .Centered("02.12.2026 09:41")
        .Rule()
        .Text("Chitanță R 000042", bold: true)
        .Row("Factura AP 000042 (noiembrie 2026)", "120,50 lei")
        .Row("Plată în avans (credit pe contul dumneavoastră pentru facturile următoare)", "9,50 lei")
        .Rule()
        .Row("Total plătit", "130,00 lei", bold: true)
        .Text("Plătit cu cardul **** 4242. Mulțumim!")
        .Barcode("R000042")
        .QrCode("https://portal.example/receipts/R000042");

    [Fact]
    public async Task A_romanian_receipt_prints_its_letters_from_the_central_european_table()
    {
        var output = Epson.Write(Romanian());

        output.CodePage.Name.ShouldBe("CP1250");
        // The reader's own printer profiles agree on what the table number selects.
        EscPosReader.CodePageName(output.CodePage.Table).ShouldBe("CP1250");
        var read = await EscPosReader.ReadAsync(output.Bytes);
        read.Commands.ShouldNotContain(c => c.StartsWith("Unknown", StringComparison.Ordinal));
        var text = read.Decode(output.CodePage.Table).Replace('\n', ' ');
        // ș and ț print with the cedilla, the form the printer's table has; every other letter as written.
        text.ShouldContain("Apă Nova Giurgiu");
        text.ShouldContain("Centrul de încasare Gării, chioşc K-07");
        text.ShouldContain("Chitanţă R 000042");
        text.ShouldContain("Plătit cu cardul **** 4242. Mulţumim!");
        text.ShouldContain("Total plătit" + new string(' ', 48 - "Total plătit".Length - "130,00 lei".Length) + "130,00 lei");
    }

    [Fact]
    public async Task A_latvian_receipt_prints_every_letter_from_the_baltic_table()
    {
        var receipt = new PrintedReceipt()
            .Title("Rīgas ūdens")
            .Text("Kvīts R 000043")
            .Row("Rēķins 2026-11 (ūdens, kanalizācija)", "18,40 EUR")
            .Text("Samaksāts skaidrā naudā. Ģimenei, ķēķim un ļoti čaklai ņemšanai: paldies!");

        var output = Epson.Write(receipt);

        output.CodePage.Name.ShouldBe("CP1257");
        EscPosReader.CodePageName(output.CodePage.Table).ShouldBe("CP1257");
        // Words wrap at the paper's width: compare the text as one line.
        var text = (await EscPosReader.ReadAsync(output.Bytes)).Decode(output.CodePage.Table).Replace('\n', ' ');
        text.ShouldContain("Rīgas ūdens");
        text.ShouldContain("Rēķins 2026-11 (ūdens, kanalizācija)");
        text.ShouldContain("Ģimenei, ķēķim un ļoti čaklai");
        text.ShouldContain("ņemšanai: paldies!");
    }

    [Fact]
    public async Task Lines_fit_the_paper_and_the_barcode_qr_code_and_cut_are_commands_the_reader_knows()
    {
        var output = Epson.Write(Romanian());

        var read = await EscPosReader.ReadAsync(output.Bytes);
        var lines = read.Decode(output.CodePage.Table).Split('\n');
        lines.ShouldAllBe(l => l.Length <= 48);
        // The long advance-payment row wraps its label and puts the amount right-aligned under it.
        lines.ShouldContain(l => l.StartsWith("Plată în avans (credit pe contul", StringComparison.Ordinal));
        lines.ShouldContain(new string(' ', 48 - "9,50 lei".Length) + "9,50 lei");
        read.Commands.ShouldContain("SelectCodeTableCmd");
        read.Commands.ShouldContain("PrintBarcodeCmd");
        read.Commands.ShouldContain("FeedAndCutCmd");
        read.Commands.Count(c => c == "SelectCodeTableCmd").ShouldBe(1);
        // The title at double size is 24 characters wide.
        var narrow = new EscPosWriter(PrinterProfile.EpsonTmT88Narrow).Write(Romanian());
        (await EscPosReader.ReadAsync(narrow.Bytes)).Decode(narrow.CodePage.Table).Split('\n').ShouldAllBe(l => l.Length <= 32);
    }

    [Fact]
    public void A_letter_the_receipts_table_lacks_comes_from_another_table_and_a_letter_no_table_has_loses_only_its_marks()
    {
        var output = Epson.Write(new PrintedReceipt().Text("Plată pentru Ķemeri ți Győr"));

        output.CodePage.Name.ShouldBe("CP1250");
        var bytes = output.Bytes;
        // ESC t 51 (CP1257) just for Ķ, then back to ESC t 45.
        var k = EscPosReader.EncodingOf(51).GetBytes("Ķ")[0];
        Contains(bytes, [0x1B, (byte)'t', 51, k, 0x1B, (byte)'t', 45]).ShouldBeTrue();
        // ő is in CP1250 too, so it stays; a letter in no table (ŵ) prints bare.
        var welsh = Epson.Write(new PrintedReceipt().Text("ŵ"));
        EscPosReader.EncodingOf(welsh.CodePage.Table).GetString(welsh.Bytes).ShouldContain("w\n");
    }

    [Fact]
    public async Task The_simulated_printer_writes_each_job_to_its_own_file_and_a_reprint_to_another()
    {
        var folder = Path.Combine(Path.GetTempPath(), "printer-" + Guid.NewGuid().ToString("N"));
        var printer = new FileReceiptPrinter(Options.Create(new PrintingOptions { Folder = folder }), NullLogger<FileReceiptPrinter>.Instance);
        try
        {
            var first = await printer.PrintAsync("K-07", "R 000042", Romanian(), CancellationToken.None);
            var again = await printer.PrintAsync("K-07", "R 000042", Romanian(), CancellationToken.None);

            first.Printed.ShouldBeTrue();
            first.File.ShouldBe(Path.Combine(folder, "K-07", "R 000042.bin"));
            again.File.ShouldBe(Path.Combine(folder, "K-07", "R 000042.2.bin"));
            (await File.ReadAllBytesAsync(first.File!)).ShouldBe(Epson.Write(Romanian()).Bytes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Contains(byte[] haystack, byte[] needle) =>
        Enumerable.Range(0, haystack.Length - needle.Length + 1).Any(i => haystack.AsSpan(i, needle.Length).SequenceEqual(needle));
}
