using System.Text;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Core.Composition;
using Modular.Core.Demo;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.DemoData;

/// <summary>
/// A few inspection acts (a verification with its signed PDF, a check of the connection, a damage finding) for the contracts of
/// the first demo customers, through <see cref="RegisterAct"/>. Re-runnable: an act already stored answers as such. Nothing without
/// the Accounts module.
/// </summary>
internal sealed class ActsDemo(RequestsDbContext db, ModuleCatalog modules) : IDemoData
{
    private const int Customers = 3;

    public Task<bool> HasDataAsync(CancellationToken cancellationToken) => db.Acts.AnyAsync(cancellationToken);

    public async Task LoadAsync(DemoDataContext context, CancellationToken cancellationToken)
    {
        if (!modules.Names.Contains("Accounts", StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var contracts = await context.Mediator.Send(new ListContracts(null, 10_000), cancellationToken);
        if (contracts.IsFailure)
        {
            throw new InvalidOperationException("The demo contracts could not be listed: " + contracts);
        }

        var firstCustomers = contracts.Value.Select(c => c.ClientCode).Distinct().Order(StringComparer.Ordinal).Take(Customers).ToHashSet();
        foreach (var contract in contracts.Value.Where(c => firstCustomers.Contains(c.ClientCode)).OrderBy(c => c.ContractNumber, StringComparer.Ordinal))
        {
            var number = contract.ContractNumber.Replace("CT-", string.Empty, StringComparison.Ordinal);
            var day = context.Today;
            RegisterAct[] acts =
            [
                new($"AV-{number}", contract.ContractNumber, ActType.Verification, Clamp(day.PlusMonths(-14), contract), "Inspector I. Popescu (F-112)",
                    "Contor verificat la fața locului: sigiliu intact, fără scurgeri la racord. Următoarea verificare conform plăcuței contorului.", [],
                    new ActDocumentUpload($"AV-{number}.pdf", Pdf($"Act de verificare AV-{number}, contract {contract.ContractNumber}"))),
                new($"AC-{number}", contract.ContractNumber, ActType.ConnectionCheck, Clamp(day.PlusMonths(-5), contract), "Inspector M. Ionescu (F-087)",
                    "Branșament verificat: robinetul de închidere funcționează, căminul contorului este uscat și accesibil.", []),
            ];
            foreach (var act in acts.Where(a => a.RegisteredOn >= contract.StartDate))
            {
                var result = await context.Mediator.Send(act, cancellationToken);
                if (result.IsFailure)
                {
                    throw new InvalidOperationException($"The demo act {act.Number} was refused: {result}");
                }
            }
        }
    }

    private static NodaTime.LocalDate Clamp(NodaTime.LocalDate date, ContractSummary contract) =>
        contract.EndDate is { } end && date > end ? end : date;

    /// <summary>A one-page PDF with one line of text: enough to download and open.</summary>
    internal static byte[] Pdf(string line)
    {
        var text = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var content = $"BT /F1 12 Tf 56 780 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append("\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
