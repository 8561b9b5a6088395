using Modular.Billing.Contracts;
using NodaTime;

namespace Modular.Billing.EInvoices.Documents;

/// <summary>
/// An e-invoice in EN 16931's terms (the business terms BT-n, groups BG-n), before it is written in a syntax. Amounts are
/// as the document states them: a credit note's are positive for what it credits.
/// </summary>
internal sealed record EInvoiceDocument(
    EInvoiceDocumentKind Kind,
    string Number,
    LocalDate IssueDate,
    LocalDate? DueDate,
    string Currency,
    string? Note,
    LocalDate PeriodStart,
    LocalDate PeriodEnd,
    string BuyerReference,
    string ContractReference,
    IReadOnlyList<PrecedingInvoice> Preceding,
    EInvoiceParty Seller,
    EInvoiceParty Buyer,
    EInvoicePayment? Payment,
    string? PaymentTerms,
    IReadOnlyList<EInvoiceLine> Lines,
    IReadOnlyList<EInvoiceVat> Vat,
    decimal LineTotal,
    decimal TaxTotal,
    decimal Payable)
{
    /// <summary>BT-3: 380 commercial invoice, 381 credit note (UNTDID 1001).</summary>
    public string TypeCode => Kind == EInvoiceDocumentKind.Invoice ? "380" : "381";
}

/// <summary>BG-3: an invoice this document refers to (the one a credit note credits, the estimates a regularization settles).</summary>
internal sealed record PrecedingInvoice(string Number, LocalDate IssueDate);

/// <summary>BG-4 / BG-7: seller or buyer.</summary>
/// <param name="Identifier">BT-29 / BT-46 (the buyer's client code).</param>
/// <param name="VatId">BT-31 / BT-48, with its country prefix.</param>
/// <param name="LegalId">BT-30 / BT-47: registration number, CUI without prefix, or an individual's personal code.</param>
internal sealed record EInvoiceParty(
    string Name,
    string? Identifier,
    string? VatId,
    string? LegalId,
    string? EndpointScheme,
    string? EndpointId,
    EInvoiceAddress Address,
    string? ContactEmail,
    string? ContactPhone);

/// <summary>BG-5 / BG-8.</summary>
internal sealed record EInvoiceAddress(string? Street, string? City, string? PostalCode, string? County, string Country);

/// <summary>BG-16 with BG-17: credit transfer to the utility's account, with the invoice number as remittance (BT-83).</summary>
internal sealed record EInvoicePayment(string MeansCode, string PaymentId, string Iban, string AccountName);

/// <summary>BG-25: quantity (BT-129) in a UN/ECE Rec 20 unit (BT-130), net (BT-131), price (BT-146) per base quantity (BT-149).</summary>
internal sealed record EInvoiceLine(
    string Name,
    string? Description,
    decimal Quantity,
    string UnitCode,
    decimal Net,
    decimal Price,
    decimal? BaseQuantity,
    VatCategory Vat,
    LocalDate From,
    LocalDate To);

/// <summary>BT-151/118 category code, BT-152/119 rate in percent, BT-121/120 exemption reason.</summary>
internal sealed record VatCategory(string Code, decimal Percent, string? ExemptionCode, string? ExemptionReason);

/// <summary>BG-23: taxable amount (BT-116) and VAT (BT-117) per category and rate.</summary>
internal sealed record EInvoiceVat(VatCategory Category, decimal Taxable, decimal Tax);
