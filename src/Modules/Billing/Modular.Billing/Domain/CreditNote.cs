using System.Text.Json;
using System.Text.Json.Serialization;
using Modular.Billing.Contracts;
using Modular.Core.Money;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Billing.Domain;

/// <summary>
/// A credit note: a document of its own (own gapless series) that takes part or all of an invoice back. Amounts are
/// positive for what is credited; its lines never change after issue.
/// </summary>
internal sealed class CreditNote
{
    public Guid Id { get; set; }

    public string Series { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public string Number { get; set; } = string.Empty;

    /// <summary>The caller's request id: the same request twice issues one credit note.</summary>
    public Guid RequestId { get; set; }

    public Guid InvoiceId { get; set; }

    public string InvoiceNumber { get; set; } = string.Empty;

    public LocalDate InvoiceIssueDate { get; set; }

    public Guid CustomerId { get; set; }

    public Guid ContractId { get; set; }

    public string ContractNumber { get; set; } = string.Empty;

    public string ClientCode { get; set; } = string.Empty;

    public string CustomerName { get; set; } = string.Empty;

    public string ServiceAddress { get; set; } = string.Empty;

    /// <summary>The credited invoice's period.</summary>
    public YearMonth Period { get; set; }

    public LocalDate IssueDate { get; set; }

    public CreditNoteReason Reason { get; set; }

    public string? Note { get; set; }

    public Currency Currency { get; set; }

    public decimal Net { get; set; }

    public decimal Vat { get; set; }

    public decimal Total { get; set; }

    public string LinesJson { get; set; } = "[]";

    public Instant CreatedAt { get; set; }

    public IReadOnlyList<CreditedLine> Lines => CreditedLine.Parse(LinesJson);

    public CreditNoteSummary ToSummary() => new(Id, Number, InvoiceId, InvoiceNumber, CustomerId, IssueDate, Reason, new Money(Net, Currency),
        new Money(Vat, Currency), new Money(Total, Currency), Note);
}

/// <summary>What a credit note takes back of one invoice line (1-based, as printed): quantity, net and VAT, at the line's tariff.</summary>
internal sealed record CreditedLine(int InvoiceLine, InvoiceLine Line)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(IReadOnlyList<CreditedLine> lines) => JsonSerializer.Serialize(lines, Json);

    public static IReadOnlyList<CreditedLine> Parse(string json) => JsonSerializer.Deserialize<List<CreditedLine>>(json, Json) ?? [];
}

/// <summary>
/// Decides what a credit note credits. A reversal takes everything not credited yet, line by line to the cent, so all
/// credit notes of an invoice together never exceed it. A correction takes the named quantities: net = round(quantity ×
/// unit price), VAT per rate as on invoices (<see cref="VatBreakdown"/>); the rest of a line, once named whole, is taken to
/// the cent as a reversal would.
/// </summary>
internal static class CreditNotePlanner
{
    public static Result<IReadOnlyList<CreditedLine>> Plan(IReadOnlyList<InvoiceLine> invoiceLines, IEnumerable<CreditedLine> alreadyCredited,
        CreditNoteReason reason, IReadOnlyList<CreditNoteLineRequest>? requests, Currency currency)
    {
        var credited = alreadyCredited.GroupBy(c => c.InvoiceLine).ToDictionary(g => g.Key,
            g => (Quantity: g.Sum(c => c.Line.Quantity), Net: g.Sum(c => c.Line.Net), Vat: g.Sum(c => c.Line.Vat)));
        InvoiceLine Left(int number)
        {
            var line = invoiceLines[number - 1];
            var done = credited.GetValueOrDefault(number);
            return line with { Quantity = line.Quantity - done.Quantity, Net = line.Net - done.Net, Vat = line.Vat - done.Vat };
        }

        if (reason == CreditNoteReason.Reversal)
        {
            var all = Enumerable.Range(1, invoiceLines.Count).Select(n => new CreditedLine(n, Left(n)))
                .Where(c => c.Line.Quantity != 0m || c.Line.Net != 0m || c.Line.Vat != 0m).ToList();
            return all.Count == 0 || all.Sum(c => c.Line.Total) <= 0m
                ? Result<IReadOnlyList<CreditedLine>>.Failure(BillingErrors.CreditNothingLeft)
                : all;
        }

        var whole = new List<CreditedLine>();
        var partial = new List<CreditedLine>();
        foreach (var request in requests ?? [])
        {
            if (request.Line < 1 || request.Line > invoiceLines.Count || invoiceLines[request.Line - 1].Quantity <= 0m)
            {
                return Result<IReadOnlyList<CreditedLine>>.Failure(Error.Of(BillingErrors.CreditLineInvalid, nameof(IssueCreditNote.Lines),
                    ("line", request.Line)));
            }

            var left = Left(request.Line);
            if (request.Quantity <= 0m || request.Quantity > left.Quantity)
            {
                return Result<IReadOnlyList<CreditedLine>>.Failure(Error.Of(BillingErrors.CreditQuantityInvalid, nameof(IssueCreditNote.Lines),
                    ("line", request.Line), ("left", left.Quantity)));
            }

            if (request.Quantity == left.Quantity)
            {
                whole.Add(new CreditedLine(request.Line, left));
                continue;
            }

            var net = MoneyRounding.Round(request.Quantity * left.UnitPrice, currency);
            partial.Add(new CreditedLine(request.Line, left with
            {
                Quantity = request.Quantity,
                Net = Math.Min(net, left.Net),
                Vat = MoneyRounding.Round(Math.Min(net, left.Net) * left.VatRate, currency),
            }));
        }

        var balanced = VatBreakdown.Balance(partial.Select(p => p.Line).ToList(), currency);
        var lines = whole.Concat(partial.Select((p, i) => p with { Line = balanced[i] })).OrderBy(c => c.InvoiceLine).ToList();
        return lines.Count == 0 || lines.Sum(c => c.Line.Total) <= 0m
            ? Result<IReadOnlyList<CreditedLine>>.Failure(BillingErrors.CreditNothingLeft)
            : lines;
    }
}
