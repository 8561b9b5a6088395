using Modular.Core.Money;

namespace Modular.Billing.Domain;

/// <summary>
/// VAT as EN 16931 computes it (BR-S-09): per rate, round(sum of the line nets × rate), to the currency's minor unit, half
/// away from zero. Each line still shows its own VAT, round(net × rate); the last line of each rate takes the difference,
/// so the lines add up to the per-rate amounts and the invoice's VAT is the one an e-invoice states.
/// </summary>
internal static class VatBreakdown
{
    public static List<InvoiceLine> Balance(IReadOnlyList<InvoiceLine> lines, Currency currency)
    {
        var balanced = lines.ToList();
        foreach (var group in balanced.Select((line, index) => (line, index)).GroupBy(x => x.line.VatRate))
        {
            var vat = MoneyRounding.Round(group.Sum(x => x.line.Net) * group.Key, currency);
            var difference = vat - group.Sum(x => x.line.Vat);
            if (difference != 0m)
            {
                var last = group.Last().index;
                balanced[last] = balanced[last] with { Vat = balanced[last].Vat + difference };
            }
        }

        return balanced;
    }
}
