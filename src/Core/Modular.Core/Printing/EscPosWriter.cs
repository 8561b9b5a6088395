using System.Globalization;
using System.Text;

namespace Modular.Core.Printing;

/// <summary>The bytes for the printer and the character table the receipt was printed with.</summary>
public sealed record EscPosOutput(byte[] Bytes, PrinterCodePage CodePage);

/// <summary>
/// Writes a <see cref="PrintedReceipt"/> as ESC/POS for one <see cref="PrinterProfile"/>. The receipt's text picks the
/// printer's character table that has the most of its letters (CP1250 for Romanian, CP1257 for Latvian on Epson printers),
/// so a receipt is one table; a letter that table lacks is printed from another table that has it (switched for that
/// letter and back), and only a letter no table has is replaced by its base letter ("ő" → "o"). Romanian ș and ț with a
/// comma, which few printers have, print as ş and ţ with a cedilla, the form those tables carry.
/// </summary>
public sealed class EscPosWriter
{
    private const byte Esc = 0x1B;
    private const byte Gs = 0x1D;
    private const byte Lf = 0x0A;

    private readonly PrinterProfile _profile;
    private readonly Encoding[] _encodings;

    static EscPosWriter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public EscPosWriter(PrinterProfile profile)
    {
        if (profile.CodePages.Count == 0 || profile.Columns < 16)
        {
            throw new ArgumentException($"Printer profile '{profile.Name}' needs at least one character table and 16 columns.", nameof(profile));
        }

        _profile = profile;
        _encodings = profile.CodePages
            .Select(p => Encoding.GetEncoding(p.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback))
            .ToArray();
    }

    public EscPosOutput Write(PrintedReceipt receipt)
    {
        var texts = receipt.Texts().Select(t => t.Normalize(NormalizationForm.FormC)).ToList();
        var primary = Choose(texts);
        var output = new Output(this, primary);
        output.Command(Esc, (byte)'@');
        output.Command(Esc, (byte)'t', _profile.CodePages[primary].Table);
        foreach (var line in receipt.Lines)
        {
            switch (line)
            {
                case ReceiptText text:
                    output.Command(Esc, (byte)'a', (byte)text.Align);
                    output.Command(Esc, (byte)'E', text.Bold ? (byte)1 : (byte)0);
                    output.Command(Gs, (byte)'!', text.Large ? (byte)0x11 : (byte)0);
                    foreach (var wrapped in Wrap(text.Text.Normalize(NormalizationForm.FormC), text.Large ? _profile.Columns / 2 : _profile.Columns))
                    {
                        output.Line(wrapped);
                    }

                    output.Command(Gs, (byte)'!', 0);
                    output.Command(Esc, (byte)'E', 0);
                    output.Command(Esc, (byte)'a', 0);
                    break;
                case ReceiptRow row:
                    output.Command(Esc, (byte)'E', row.Bold ? (byte)1 : (byte)0);
                    foreach (var rowLine in Row(row.Label.Normalize(NormalizationForm.FormC), row.Value.Normalize(NormalizationForm.FormC)))
                    {
                        output.Line(rowLine);
                    }

                    output.Command(Esc, (byte)'E', 0);
                    break;
                case ReceiptRule:
                    output.Line(new string('-', _profile.Columns));
                    break;
                case ReceiptQrCode qr:
                    output.Command(Esc, (byte)'a', 1);
                    output.QrCode(Ascii(qr.Data));
                    output.Command(Esc, (byte)'a', 0);
                    break;
                case ReceiptBarcode barcode:
                    output.Command(Esc, (byte)'a', 1);
                    output.Barcode(Ascii(barcode.Data));
                    output.Command(Esc, (byte)'a', 0);
                    break;
            }
        }

        // Feed past the cutter and cut, leaving a hinge (GS V 66 n).
        output.Command(Gs, (byte)'V', 66, 3);
        return new EscPosOutput(output.ToArray(), _profile.CodePages[primary]);
    }

    /// <summary>The table that prints the most of the receipt's letters (the first of the profile's order on a tie).</summary>
    private int Choose(IReadOnlyList<string> texts)
    {
        var letters = texts.SelectMany(t => t).Where(c => c > 0x7F).Distinct().ToList();
        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < _encodings.Length; i++)
        {
            var score = letters.Count(c => Encode(i, c) is not null);
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        return best;
    }

    /// <summary>The byte of <paramref name="c"/> in table <paramref name="page"/> (itself or its printable form), or null.</summary>
    private byte? Encode(int page, char c)
    {
        foreach (var candidate in Candidates(c))
        {
            try
            {
                var bytes = _encodings[page].GetBytes([candidate]);
                if (bytes.Length == 1)
                {
                    return bytes[0];
                }
            }
            catch (EncoderFallbackException)
            {
                // Not in this table.
            }
        }

        return null;
    }

    private static IEnumerable<char> Candidates(char c)
    {
        yield return c;
        var folded = c switch
        {
            'ș' => 'ş', 'Ș' => 'Ş', 'ț' => 'ţ', 'Ț' => 'Ţ',
            '„' or '“' or '”' => '"', '‘' or '’' or '‚' => '\'', '–' or '—' => '-', '\u00A0' => ' ',
            _ => c,
        };
        if (folded != c)
        {
            yield return folded;
        }
    }

    /// <summary>The letter without its marks ("ő" → "o"), the last resort for a letter no table has.</summary>
    private static char Bare(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var first = decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark);
        return first is > '\u001F' and < '\u007F' ? first : '?';
    }

    private static byte[] Ascii(string data) => data.Select(c => c is > '\u001F' and < '\u007F' ? (byte)c : (byte)'?').ToArray();

    private IEnumerable<string> Row(string label, string value)
    {
        var width = _profile.Columns;
        if (label.Length + 1 + value.Length <= width)
        {
            yield return label + new string(' ', width - label.Length - value.Length) + value;
            yield break;
        }

        foreach (var part in Wrap(label, width))
        {
            yield return part;
        }

        foreach (var part in Wrap(value, width))
        {
            yield return part.PadLeft(width);
        }
    }

    /// <summary>Words wrapped at <paramref name="width"/>; a word longer than a line is cut.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                while (rest.Length > 0)
                {
                    var room = line.Length == 0 ? width : width - line.Length - 1;
                    if (rest.Length <= room)
                    {
                        line.Append(line.Length == 0 ? string.Empty : " ").Append(rest);
                        rest = string.Empty;
                    }
                    else if (line.Length > 0)
                    {
                        yield return line.ToString();
                        line.Clear();
                    }
                    else
                    {
                        yield return rest[..width];
                        rest = rest[width..];
                    }
                }
            }

            yield return line.ToString();
        }
    }

    /// <summary>The byte stream of one receipt, keeping track of the table in effect.</summary>
    private sealed class Output(EscPosWriter writer, int primary)
    {
        private readonly MemoryStream _bytes = new();

        public void Command(params byte[] bytes) => _bytes.Write(bytes);

        public void Line(string text)
        {
            foreach (var c in text)
            {
                if (writer.Encode(primary, c) is { } b)
                {
                    _bytes.WriteByte(b);
                    continue;
                }

                var other = Enumerable.Range(0, writer._encodings.Length).FirstOrDefault(i => i != primary && writer.Encode(i, c) is not null, -1);
                if (other >= 0)
                {
                    Command(Esc, (byte)'t', writer._profile.CodePages[other].Table);
                    _bytes.WriteByte(writer.Encode(other, c)!.Value);
                    Command(Esc, (byte)'t', writer._profile.CodePages[primary].Table);
                    continue;
                }

                _bytes.WriteByte((byte)Bare(c));
            }

            _bytes.WriteByte(Lf);
        }

        /// <summary>QR code, model 2, error correction M, through the GS ( k functions 165, 167, 169, 180, 181.</summary>
        public void QrCode(byte[] data)
        {
            Command(Gs, (byte)'(', (byte)'k', 4, 0, 49, 65, 50, 0);
            Command(Gs, (byte)'(', (byte)'k', 3, 0, 49, 67, 6);
            Command(Gs, (byte)'(', (byte)'k', 3, 0, 49, 69, 49);
            var length = data.Length + 3;
            Command(Gs, (byte)'(', (byte)'k', (byte)(length % 256), (byte)(length / 256), 49, 80, 48);
            _bytes.Write(data);
            Command(Gs, (byte)'(', (byte)'k', 3, 0, 49, 81, 48);
            _bytes.WriteByte(Lf);
        }

        /// <summary>CODE128 (code set B) with its text printed under it.</summary>
        public void Barcode(byte[] data)
        {
            Command(Gs, (byte)'H', 2);
            Command(Gs, (byte)'h', 80);
            Command(Gs, (byte)'w', 2);
            Command(Gs, (byte)'k', 73, (byte)(data.Length + 2), (byte)'{', (byte)'B');
            _bytes.Write(data);
            _bytes.WriteByte(Lf);
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
