using System.Text.Json;
using System.Text.Json.Serialization;
using Modular.Billing.Contracts;

namespace Modular.Billing.Domain;

internal enum LineKind
{
    Consumption,
    Fixed,
    Regularization,
}

/// <summary>
/// One invoice line. Rounding policy (the one policy of the module): quantity to 3 decimals, net = round(quantity ×
/// unit price) to the currency's minor unit, half away from zero; VAT per rate = round(sum of the nets × rate) as EN 16931
/// computes it, shown per line as round(net × rate) with the last line of each rate taking the difference
/// (<see cref="VatBreakdown"/>). The invoice's net, VAT and total are the sums of the lines, so the printed lines always
/// add up to the printed totals and to what the e-invoice states.
/// </summary>
internal sealed record InvoiceLine(
    TariffService Service,
    LineKind Kind,
    string TariffName,
    DateOnly From,
    DateOnly To,
    decimal Quantity,
    decimal UnitPrice,
    decimal VatRate,
    decimal Net,
    decimal Vat)
{
    public decimal Total => Net + Vat;

    // Source-generated (a billing run serializes a million of these); the same JSON as before: camelCase, enums as names.
    public static string Serialize(IReadOnlyList<InvoiceLine> lines) => JsonSerializer.Serialize(lines, InvoiceLineJson.Default.IReadOnlyListInvoiceLine);

    public static IReadOnlyList<InvoiceLine> Parse(string json) => JsonSerializer.Deserialize(json, InvoiceLineJson.Default.ListInvoiceLine) ?? [];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<InvoiceLine>))]
[JsonSerializable(typeof(List<InvoiceLine>))]
internal sealed partial class InvoiceLineJson : JsonSerializerContext;
