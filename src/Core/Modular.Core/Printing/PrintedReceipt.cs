namespace Modular.Core.Printing;

/// <summary>How a line sits on the paper.</summary>
public enum ReceiptAlign
{
    Left,
    Center,
    Right,
}

/// <summary>One element of a printed receipt.</summary>
public abstract record ReceiptLine;

/// <summary>Text, wrapped at the paper's width; <paramref name="Large"/> prints it at double width and height.</summary>
public sealed record ReceiptText(string Text, ReceiptAlign Align = ReceiptAlign.Left, bool Bold = false, bool Large = false) : ReceiptLine;

/// <summary>A label on the left and its value on the right ("Factura AP 000042 ....... 120,50 lei").</summary>
public sealed record ReceiptRow(string Label, string Value, bool Bold = false) : ReceiptLine;

/// <summary>A line of dashes across the paper.</summary>
public sealed record ReceiptRule : ReceiptLine;

/// <summary>A QR code of <paramref name="Data"/> (ASCII), centred.</summary>
public sealed record ReceiptQrCode(string Data) : ReceiptLine;

/// <summary>A CODE128 barcode of <paramref name="Data"/> (ASCII) with its text under it, centred.</summary>
public sealed record ReceiptBarcode(string Data) : ReceiptLine;

/// <summary>
/// A receipt for a thermal printer, independent of the printer: what it says, line by line. <see cref="EscPosWriter"/> turns
/// it into the bytes of one printer profile.
/// </summary>
public sealed class PrintedReceipt
{
    private readonly List<ReceiptLine> _lines = [];

    public IReadOnlyList<ReceiptLine> Lines => _lines;

    public PrintedReceipt Add(ReceiptLine line)
    {
        _lines.Add(line);
        return this;
    }

    public PrintedReceipt Title(string text) => Add(new ReceiptText(text, ReceiptAlign.Center, Bold: true, Large: true));

    public PrintedReceipt Centered(string text, bool bold = false) => Add(new ReceiptText(text, ReceiptAlign.Center, bold));

    public PrintedReceipt Text(string text, bool bold = false) => Add(new ReceiptText(text, ReceiptAlign.Left, bold));

    public PrintedReceipt Row(string label, string value, bool bold = false) => Add(new ReceiptRow(label, value, bold));

    public PrintedReceipt Rule() => Add(new ReceiptRule());

    public PrintedReceipt QrCode(string data) => Add(new ReceiptQrCode(data));

    public PrintedReceipt Barcode(string data) => Add(new ReceiptBarcode(data));

    /// <summary>
    /// A receipt from a template's text, one element per line, so a utility words its receipts in templates like its other
    /// documents: <c># title</c>, <c>^ centred</c>, <c>! bold</c>, <c>label | value</c> (<c>! label | value</c> bold),
    /// <c>---</c> a rule, <c>[barcode] data</c>, <c>[qr] data</c>; any other line is text, and empty lines are left out.
    /// </summary>
    public static PrintedReceipt Parse(string markup)
    {
        var receipt = new PrintedReceipt();
        foreach (var raw in markup.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            var bold = line.StartsWith("! ", StringComparison.Ordinal);
            var content = bold ? line[2..].Trim() : line;
            if (content.Length == 0)
            {
                continue;
            }

            if (content == "---")
            {
                receipt.Rule();
            }
            else if (content.StartsWith("# ", StringComparison.Ordinal))
            {
                receipt.Title(content[2..].Trim());
            }
            else if (content.StartsWith("^ ", StringComparison.Ordinal))
            {
                receipt.Centered(content[2..].Trim(), bold);
            }
            else if (content.StartsWith("[barcode] ", StringComparison.Ordinal))
            {
                receipt.Barcode(content["[barcode] ".Length..].Trim());
            }
            else if (content.StartsWith("[qr] ", StringComparison.Ordinal))
            {
                receipt.QrCode(content["[qr] ".Length..].Trim());
            }
            else if (content.IndexOf(" | ", StringComparison.Ordinal) is var bar and > 0)
            {
                receipt.Row(content[..bar].Trim(), content[(bar + 3)..].Trim(), bold);
            }
            else
            {
                receipt.Text(content, bold);
            }
        }

        return receipt;
    }

    /// <summary>Every text the receipt prints, for choosing a code page that has all its letters.</summary>
    internal IEnumerable<string> Texts() => _lines.SelectMany(line => line switch
    {
        ReceiptText t => [t.Text],
        ReceiptRow r => [r.Label, r.Value],
        _ => Array.Empty<string>(),
    });
}
