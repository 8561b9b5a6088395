using System.Text;

namespace Modular.Payments.Tests;

/// <summary>Builds small camt.053.001.08 statements for tests.</summary>
internal static class Camt
{
    public static string Entry(string amount, string? structuredRef = null, string? text = null, string? bankRef = null, bool credit = true,
        bool reversal = false, string currency = "RON", string valueDate = "2026-11-24", params string[] batch)
    {
        var tx = batch.Length > 0
            ? string.Concat(batch.Select(b => b.Split('|') is var p ? Tx(p[0], p[1], currency) : string.Empty))
            : $"<TxDtls>{(structuredRef is null && text is null ? string.Empty : "<RmtInf>" + (text is null ? string.Empty : $"<Ustrd>{text}</Ustrd>") + (structuredRef is null ? string.Empty : $"<Strd><CdtrRefInf><Ref>{structuredRef}</Ref></CdtrRefInf></Strd>") + "</RmtInf>")}<RltdPties><Dbtr><Pty><Nm>Ion Popescu</Nm></Pty></Dbtr></RltdPties></TxDtls>";
        return $"<Ntry>{(bankRef is null ? string.Empty : $"<NtryRef>{bankRef}</NtryRef>")}<Amt Ccy=\"{currency}\">{amount}</Amt><CdtDbtInd>{(credit ? "CRDT" : "DBIT")}</CdtDbtInd>" +
            $"<RvslInd>{(reversal ? "true" : "false")}</RvslInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{valueDate}</Dt></BookgDt><ValDt><Dt>{valueDate}</Dt></ValDt><NtryDtls>{tx}</NtryDtls></Ntry>";
    }

    private static string Tx(string amount, string reference, string currency) =>
        $"<TxDtls><Amt Ccy=\"{currency}\">{amount}</Amt><RmtInf><Strd><CdtrRefInf><Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>";

    // The account digits are chosen not to pass the Luhn check, so the card-number scan has no false positive.
    public static MemoryStream Statement(params string[] entries) => new(Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>T1</MsgId></GrpHdr>" +
        "<Stmt><Id>S1</Id><Acct><Id><IBAN>RO49AAAA1B31007593840001</IBAN></Id></Acct>" + string.Concat(entries) + "</Stmt></BkToCstmrStmt></Document>"));
}

/// <summary>Where the shared test data lives: <c>../shared</c> next to the repository root, or <c>MODULAR_SHARED_DIR</c>.</summary>
internal static class SharedData
{
    public static string Camt053Folder
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable("MODULAR_SHARED_DIR");
            if (string.IsNullOrEmpty(shared))
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Modular.sln")))
                {
                    dir = dir.Parent;
                }

                shared = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Repository root (Modular.sln) not found."), "..", "shared");
            }

            return Path.GetFullPath(Path.Combine(shared, "test-data", "camt053"));
        }
    }
}
