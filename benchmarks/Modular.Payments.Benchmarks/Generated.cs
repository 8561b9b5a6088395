using System.Globalization;
using System.Text;
using Modular.Accounts.Contracts;

namespace Modular.Payments.Benchmarks;

/// <summary>Generated input: 10,000 customers; one line in 20 carries an unknown reference and goes to suspense.</summary>
internal static class Generated
{
    public const int CustomerCount = 10_000;

    public static readonly Dictionary<string, CustomerSummary> Customers = Enumerable.Range(0, CustomerCount)
        .Select(i => new CustomerSummary(Guid.NewGuid(), Code(i), "Customer " + i, LegalType.Individual))
        .ToDictionary(c => c.ClientCode);

    public static string Code(int i) => "CL" + (1_000_000 + i).ToString(CultureInfo.InvariantCulture);

    private static string Reference(int i) => i % 20 == 19 ? "UNKNOWN" + i.ToString(CultureInfo.InvariantCulture) : Code(i % CustomerCount);

    private static string Amount(int i) => (10 + i % 500 + (i % 100) / 100m).ToString("F2", CultureInfo.InvariantCulture);

    public static string Camt(int entries, string folder)
    {
        var path = Path.Combine(folder, $"camt053-{entries}.xml");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>" +
            "<GrpHdr><MsgId>BENCH</MsgId></GrpHdr><Stmt><Id>S1</Id><Acct><Id><IBAN>RO49AAAA1B31007593840001</IBAN></Id></Acct>\n");
        for (var i = 0; i < entries; i++)
        {
            writer.Write($"<Ntry><Amt Ccy=\"RON\">{Amount(i)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>false</RvslInd><Sts><Cd>BOOK</Cd></Sts>" +
                $"<BookgDt><Dt>2026-11-24</Dt></BookgDt><ValDt><Dt>2026-11-24</Dt></ValDt><AcctSvcrRef>B{i}</AcctSvcrRef><NtryDtls><TxDtls>" +
                $"<RmtInf><Strd><CdtrRefInf><Ref>{Reference(i)}</Ref></CdtrRefInf></Strd></RmtInf><RltdPties><Dbtr><Pty><Nm>Payer {i % 997}</Nm></Pty></Dbtr></RltdPties>" +
                "</TxDtls></NtryDtls></Ntry>\n");
        }

        writer.Write("</Stmt></BkToCstmrStmt></Document>\n");
        return path;
    }

    public static string Csv(int lines, string folder)
    {
        var path = Path.Combine(folder, $"partner-{lines}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("transaction_id;date;reference;amount;terminal\n");
        for (var i = 0; i < lines; i++)
        {
            writer.Write($"T{i};2026-11-24;{Reference(i)};{Amount(i)};K{i % 40}\n");
        }

        return path;
    }
}
