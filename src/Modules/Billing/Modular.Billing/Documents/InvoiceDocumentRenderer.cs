using System.Text;
using Microsoft.Extensions.Options;
using Modular.Billing.Domain;
using Modular.Core.Documents;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Core.Templates;
using QRCoder;

namespace Modular.Billing.Documents;

/// <summary>
/// Renders an invoice as print-ready HTML from the <c>invoice.html</c> template (labels from the text catalog, so one
/// template serves ro, en and lv; a host overrides it for branding) and as PDF through the document port. The document
/// shows the invoice as issued – what was due then, not what later payments left – so it never changes once rendered
/// (see <see cref="InvoiceDocumentStore"/>); payments and the balance are shown by the portal.
/// </summary>
internal sealed class InvoiceDocumentRenderer(ITemplateRenderer templates, ITextCatalog texts, IPdfRenderer pdf,
    IOptions<BillingOptions> options, IOptions<LocalizationOptions> localization)
{
    private static readonly string[] LabelKeys =
    [
        "title", "number", "issue_date", "due_date", "grace_date", "period", "customer", "client_code", "contract", "address", "supplier",
        "service", "interval", "quantity", "unit_price", "net", "vat", "total", "paid", "remaining", "estimated", "pay_with_qr",
    ];

    public bool PdfAvailable => pdf.IsAvailable;

    public string? PdfUnavailableReason => pdf.UnavailableReason;

    /// <summary>The language a document is rendered (and stored) in: a supported language, else the default one.</summary>
    public string Language(string? culture)
    {
        var language = culture?.Split('-', '_')[0].ToLowerInvariant();
        return language is not null && LocalizationOptions.Supported.Contains(language) ? language : localization.Value.DefaultCulture;
    }

    /// <summary>What was due when the invoice was issued (nothing for an invoice that needed no payment).</summary>
    public static decimal DueAtIssue(Invoice invoice) => Math.Max(invoice.Total, 0m);

    /// <summary>The payment reference the document's QR code carries: client code, invoice number, amount due at issue.</summary>
    public static string PaymentReference(Invoice invoice) =>
        InvoiceCode.Format(invoice.ClientCode, invoice.Number, MoneyRounding.Round(DueAtIssue(invoice), invoice.Currency), invoice.Currency.Code);

    public Task<string> RenderHtmlAsync(Invoice invoice, string? culture, CancellationToken cancellationToken)
    {
        var resolved = Language(culture);
        var issuer = options.Value;
        // Values stay values: the template formats amounts and dates in its culture (money, number, percent, date).
        var model = new Dictionary<string, object?>
        {
            ["culture"] = resolved,
            ["labels"] = LabelKeys.ToDictionary(k => k, k => texts.Get("billing.doc." + k, resolved)),
            ["invoiceNumber"] = invoice.Number,
            ["period"] = invoice.Period,
            ["issueDate"] = invoice.IssueDate,
            ["dueDate"] = invoice.DueDate,
            ["graceDate"] = invoice.GraceDate,
            ["estimated"] = invoice.Estimated,
            ["issuer"] = new Dictionary<string, object?> { ["name"] = issuer.IssuerName, ["taxId"] = issuer.IssuerTaxId, ["address"] = issuer.IssuerAddress, ["iban"] = issuer.Iban },
            ["customerName"] = invoice.CustomerName,
            ["clientCode"] = invoice.ClientCode,
            ["contractNumber"] = invoice.ContractNumber,
            ["serviceAddress"] = invoice.ServiceAddress,
            ["lines"] = invoice.Lines.Select(l => new Dictionary<string, object?>
            {
                ["service"] = texts.Get("billing.service." + l.Service, resolved)
                    + (l.Kind == LineKind.Regularization ? " – " + texts.Get("billing.line.Regularization", resolved) : string.Empty)
                    + (invoice.Estimated && l.Kind == LineKind.Consumption ? " (E)" : string.Empty),
                ["from"] = l.From,
                ["to"] = l.To,
                ["quantity"] = l.Quantity,
                ["unitPrice"] = l.UnitPrice,
                ["net"] = l.Net,
                ["vat"] = l.Vat,
                ["vatRate"] = l.VatRate,
                ["total"] = l.Total,
            }).ToList(),
            ["net"] = Money(invoice.Net),
            ["vat"] = Money(invoice.Vat),
            ["total"] = Money(invoice.Total),
            ["paid"] = Money(0m),
            ["remaining"] = Money(DueAtIssue(invoice)),
            ["qrSvg"] = new RawHtml(QrSvg(PaymentReference(invoice))),
        };
        return templates.RenderAsync("Billing", "invoice.html", model, resolved, cancellationToken);

        Money Money(decimal amount) => new(amount, invoice.Currency);
    }

    public async Task<byte[]> RenderPdfAsync(Invoice invoice, string? culture, CancellationToken cancellationToken)
    {
        var html = await RenderHtmlAsync(invoice, culture, cancellationToken);
        return await pdf.RenderAsync(html, cancellationToken);
    }

    public static byte[] Utf8(string html) => Encoding.UTF8.GetBytes(html);

    private static string QrSvg(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
