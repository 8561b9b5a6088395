using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Modular.Core.Money;
using Modular.Payments.Domain;
using NodaTime;
using NodaTime.Text;

namespace Modular.Payments.Imports;

/// <summary>
/// Streams an ISO 20022 camt.053 statement (001.02 to 001.08) with <see cref="XmlReader"/>: only one entry is held in
/// memory at a time. Each credit (or batched transaction) becomes an <see cref="IncomingLine"/>.
/// </summary>
internal static class Camt053Reader
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static IEnumerable<IncomingLine> Read(Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(stream, settings);
        string ns;
        try
        {
            reader.MoveToContent();
            ns = reader.NamespaceURI;
        }
        catch (XmlException ex)
        {
            throw new ImportFormatException("Not XML: " + ex.Message);
        }

        if (reader.LocalName != "Document" || !ns.StartsWith(NamespacePrefix, StringComparison.Ordinal)
            || !int.TryParse(ns.AsSpan(NamespacePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version is < 2 or > 8)
        {
            throw new ImportFormatException($"Not a camt.053.001.02-08 document (root {reader.LocalName} in '{ns}').");
        }

        XNamespace x = ns;
        var statements = 0;
        var account = string.Empty;
        var entry = 0;
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);

        // C# allows no yield inside try/catch: lines wait here while the reader's errors are translated.
        var pending = new Queue<IncomingLine>();
        while (true)
        {
            bool more;
            try
            {
                more = !reader.EOF;
                if (more && reader.NodeType == XmlNodeType.Element && reader.LocalName == "Stmt")
                {
                    statements++;
                    account = string.Empty;
                }

                if (more && reader.NodeType == XmlNodeType.Element && reader.LocalName is "Acct" or "Ntry")
                {
                    var element = (XElement)XNode.ReadFrom(reader);
                    if (element.Name.LocalName == "Acct")
                    {
                        account = element.Element(x + "Id")?.Elements().FirstOrDefault() is { } id
                            ? (id.Name.LocalName == "IBAN" ? id.Value : id.Element(x + "Id")?.Value ?? id.Value).Trim()
                            : string.Empty;
                        continue;
                    }

                    entry++;
                    foreach (var line in Entry(element, x, account, entry, occurrences))
                    {
                        pending.Enqueue(line);
                    }
                }
                else if (more)
                {
                    reader.Read();
                }
            }
            catch (XmlException ex)
            {
                throw new ImportFormatException($"Malformed XML near line {ex.LineNumber}: {ex.Message}");
            }

            while (pending.TryDequeue(out var ready))
            {
                yield return ready;
            }

            if (!more)
            {
                break;
            }
        }

        if (statements == 0)
        {
            throw new ImportFormatException("The document holds no statement (Stmt).");
        }
    }

    private static IEnumerable<IncomingLine> Entry(XElement ntry, XNamespace x, string account, int position, Dictionary<string, int> occurrences)
    {
        var amountElement = ntry.Element(x + "Amt");
        var credit = ntry.Element(x + "CdtDbtInd")?.Value.Trim() == "CRDT";
        var reversal = string.Equals(ntry.Element(x + "RvslInd")?.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var status = ntry.Element(x + "Sts") is { } sts ? (sts.Element(x + "Cd")?.Value ?? sts.Value).Trim() : "BOOK";
        var valueDate = Date(ntry.Element(x + "ValDt"), x) ?? Date(ntry.Element(x + "BookgDt"), x);
        var entryRef = ntry.Element(x + "AcctSvcrRef")?.Value.Trim() is { Length: > 0 } a ? "A:" + a
            : ntry.Element(x + "NtryRef")?.Value.Trim() is { Length: > 0 } n ? "N:" + n : null;
        var transactions = ntry.Elements(x + "NtryDtls").Elements(x + "TxDtls").ToList();

        if (amountElement is null || !TryAmount(amountElement, out var amount, out var currency))
        {
            yield return IncomingLine.Rejected(position, Key(account, entryRef, ntry, "amount", occurrences), PaymentsErrors.BadAmount);
            yield break;
        }

        if (valueDate is null)
        {
            yield return IncomingLine.Rejected(position, Key(account, entryRef, ntry, null, occurrences), PaymentsErrors.BadDate);
            yield break;
        }

        if (transactions.Count <= 1)
        {
            var tx = transactions.FirstOrDefault();
            yield return Line(position, Key(account, entryRef, ntry, null, occurrences), credit, reversal, status, amount, currency, valueDate.Value, tx, x);
            yield break;
        }

        // Batched entry: each transaction carries its own amount, and together they must make up the entry.
        var parts = new List<(XElement Tx, decimal Amount)>();
        foreach (var tx in transactions)
        {
            var txAmount = tx.Element(x + "Amt") ?? tx.Element(x + "AmtDtls")?.Element(x + "TxAmt")?.Element(x + "Amt");
            if (txAmount is null || !TryAmount(txAmount, out var value, out var txCurrency) || txCurrency != currency)
            {
                parts.Clear();
                break;
            }

            parts.Add((tx, value));
        }

        if (parts.Count == 0 || parts.Sum(p => p.Amount) != amount)
        {
            yield return IncomingLine.Rejected(position, Key(account, entryRef, ntry, null, occurrences), PaymentsErrors.BatchAmountsDiffer);
            yield break;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var txRef = parts[i].Tx.Element(x + "Refs")?.Element(x + "AcctSvcrRef")?.Value.Trim() is { Length: > 0 } t ? t : i.ToString(CultureInfo.InvariantCulture);
            yield return Line(position, Key(account, entryRef, ntry, txRef, occurrences), credit, reversal, status, parts[i].Amount, currency,
                valueDate.Value, parts[i].Tx, x);
        }
    }

    private static IncomingLine Line(int position, string key, bool credit, bool reversal, string status, decimal amount, string currency,
        LocalDate valueDate, XElement? tx, XNamespace x)
    {
        var remittance = tx?.Element(x + "RmtInf");
        var structured = remittance?.Elements(x + "Strd").Elements(x + "CdtrRefInf").Elements(x + "Ref").Select(r => r.Value.Trim()).FirstOrDefault(r => r.Length > 0);
        var text = remittance is null ? null : string.Join(' ', remittance.Elements(x + "Ustrd").Select(u => u.Value.Trim())).Trim();
        var debtor = tx?.Element(x + "RltdPties")?.Element(x + "Dbtr");
        var payer = (debtor?.Element(x + "Nm") ?? debtor?.Element(x + "Pty")?.Element(x + "Nm"))?.Value.Trim();
        return new IncomingLine(position, key, null, credit, reversal, status == "BOOK", amount, currency, valueDate, structured,
            string.IsNullOrEmpty(text) ? null : text, payer);
    }

    private static bool TryAmount(XElement element, out decimal amount, out string currency)
    {
        currency = element.Attribute("Ccy")?.Value.Trim().ToUpperInvariant() ?? string.Empty;
        amount = 0m;
        if (!Currency.TryParse(currency, out var parsed)
            || !decimal.TryParse(element.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var raw) || raw <= 0m)
        {
            return false;
        }

        // Banks may send five decimals: the one rounding policy brings them to the currency's minor unit.
        amount = MoneyRounding.Round(raw, parsed);
        return amount > 0m;
    }

    private static LocalDate? Date(XElement? holder, XNamespace x)
    {
        var text = holder?.Element(x + "Dt")?.Value ?? holder?.Element(x + "DtTm")?.Value;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < 10)
        {
            return null;
        }

        var result = DatePattern.Parse(text.Trim()[..10]);
        return result.Success ? result.Value : null;
    }

    /// <summary>Fields that stay the same when the bank sends the entry again; used when it has no bank reference.</summary>
    private static string Stable(XElement ntry) =>
        string.Join('|', ntry.Elements().Where(e => e.Name.LocalName is not ("Sts" or "AddtlNtryInf")).Select(e => e.ToString(SaveOptions.DisableFormatting)));

    private static string Key(string account, string? entryRef, XElement ntry, string? txRef, Dictionary<string, int> occurrences)
    {
        // The hash of the stable fields is only needed (and only computed) when the bank gave the entry no reference.
        var basis = entryRef ?? "H:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Stable(ntry))))[..32];
        var key = $"camt:{account}:{basis}" + (txRef is null ? string.Empty : ":" + txRef);
        if (entryRef is null)
        {
            // Two identical entries in one file are two payments; the n-th occurrence keeps the same key in every file.
            var n = occurrences[key] = occurrences.GetValueOrDefault(key) + 1;
            key += "#" + n.ToString(CultureInfo.InvariantCulture);
        }

        return key;
    }
}
