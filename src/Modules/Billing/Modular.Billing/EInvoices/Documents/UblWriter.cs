using System.Globalization;
using System.Text;
using System.Xml;
using Modular.Billing.Contracts;
using NodaTime;
using NodaTime.Text;

namespace Modular.Billing.EInvoices.Documents;

/// <summary>
/// Writes an <see cref="EInvoiceDocument"/> as a UBL 2.1 Invoice or CreditNote with the BCL's <see cref="XmlWriter"/>, in
/// the element order of the UBL schemas, UTF-8 without a byte order mark, "\n" line ends, invariant number formats: the same
/// document always gives the same bytes. Only elements with a value are written (Peppol refuses empty ones).
/// </summary>
internal static class UblWriter
{
    private const string Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private const string Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    private const string InvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    private const string CreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    /// <summary>BT-24 of Romania's e-Factura (the CIUS-RO version the 1.0.9 validation artefacts check).</summary>
    public const string CiusRoCustomization = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1";

    public const string PeppolCustomization = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

    /// <summary>BT-23 of Peppol BIS Billing 3.0.</summary>
    public const string PeppolProcess = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        CloseOutput = false,
    };

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public static byte[] Write(EInvoiceDocument document, EInvoiceProfile profile)
    {
        using var buffer = new MemoryStream(8 * 1024);
        Write(document, profile, buffer);
        return buffer.ToArray();
    }

    public static void Write(EInvoiceDocument document, EInvoiceProfile profile, Stream destination)
    {
        using var xml = XmlWriter.Create(destination, Settings);
        var invoice = document.Kind == EInvoiceDocumentKind.Invoice;
        var currency = document.Currency;
        xml.WriteStartDocument();
        xml.WriteStartElement(invoice ? "Invoice" : "CreditNote", invoice ? InvoiceNamespace : CreditNoteNamespace);
        xml.WriteAttributeString("xmlns", "cac", null, Cac);
        xml.WriteAttributeString("xmlns", "cbc", null, Cbc);

        Basic(xml, "CustomizationID", profile == EInvoiceProfile.Peppol ? PeppolCustomization : CiusRoCustomization);
        if (profile == EInvoiceProfile.Peppol)
        {
            Basic(xml, "ProfileID", PeppolProcess);
        }

        Basic(xml, "ID", document.Number);
        Basic(xml, "IssueDate", Date.Format(document.IssueDate));
        if (invoice && document.DueDate is { } due)
        {
            Basic(xml, "DueDate", Date.Format(due));
        }

        Basic(xml, invoice ? "InvoiceTypeCode" : "CreditNoteTypeCode", document.TypeCode);
        Basic(xml, "Note", document.Note);
        Basic(xml, "DocumentCurrencyCode", currency);
        Basic(xml, "BuyerReference", document.BuyerReference);
        Period(xml, document.PeriodStart, document.PeriodEnd);
        foreach (var preceding in document.Preceding)
        {
            xml.WriteStartElement("cac", "BillingReference", Cac);
            xml.WriteStartElement("cac", "InvoiceDocumentReference", Cac);
            Basic(xml, "ID", preceding.Number);
            Basic(xml, "IssueDate", Date.Format(preceding.IssueDate));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteStartElement("cac", "ContractDocumentReference", Cac);
        Basic(xml, "ID", document.ContractReference);
        xml.WriteEndElement();

        Party(xml, "AccountingSupplierParty", document.Seller);
        Party(xml, "AccountingCustomerParty", document.Buyer);

        if (document.Payment is { } payment)
        {
            xml.WriteStartElement("cac", "PaymentMeans", Cac);
            Basic(xml, "PaymentMeansCode", payment.MeansCode);
            Basic(xml, "PaymentID", payment.PaymentId);
            xml.WriteStartElement("cac", "PayeeFinancialAccount", Cac);
            Basic(xml, "ID", payment.Iban);
            Basic(xml, "Name", payment.AccountName);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        if (document.PaymentTerms is { } terms)
        {
            xml.WriteStartElement("cac", "PaymentTerms", Cac);
            Basic(xml, "Note", terms);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("cac", "TaxTotal", Cac);
        Amount(xml, "TaxAmount", document.TaxTotal, currency);
        foreach (var vat in document.Vat)
        {
            xml.WriteStartElement("cac", "TaxSubtotal", Cac);
            Amount(xml, "TaxableAmount", vat.Taxable, currency);
            Amount(xml, "TaxAmount", vat.Tax, currency);
            Category(xml, "TaxCategory", vat.Category, withExemption: true);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        xml.WriteStartElement("cac", "LegalMonetaryTotal", Cac);
        Amount(xml, "LineExtensionAmount", document.LineTotal, currency);
        Amount(xml, "TaxExclusiveAmount", document.LineTotal, currency);
        Amount(xml, "TaxInclusiveAmount", document.LineTotal + document.TaxTotal, currency);
        Amount(xml, "PayableAmount", document.Payable, currency);
        xml.WriteEndElement();

        var number = 0;
        foreach (var line in document.Lines)
        {
            xml.WriteStartElement("cac", invoice ? "InvoiceLine" : "CreditNoteLine", Cac);
            Basic(xml, "ID", (++number).ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("cbc", invoice ? "InvoicedQuantity" : "CreditedQuantity", Cbc);
            xml.WriteAttributeString("unitCode", line.UnitCode);
            xml.WriteString(Quantity(line.Quantity));
            xml.WriteEndElement();
            Amount(xml, "LineExtensionAmount", line.Net, currency);
            Period(xml, line.From, line.To);
            xml.WriteStartElement("cac", "Item", Cac);
            Basic(xml, "Description", line.Description);
            Basic(xml, "Name", line.Name);
            Category(xml, "ClassifiedTaxCategory", line.Vat, withExemption: false);
            xml.WriteEndElement();
            xml.WriteStartElement("cac", "Price", Cac);
            Amount(xml, "PriceAmount", line.Price, currency, "0.00##########");
            if (line.BaseQuantity is { } baseQuantity)
            {
                xml.WriteStartElement("cbc", "BaseQuantity", Cbc);
                xml.WriteAttributeString("unitCode", line.UnitCode);
                xml.WriteString(Quantity(baseQuantity));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Party(XmlWriter xml, string role, EInvoiceParty party)
    {
        xml.WriteStartElement("cac", role, Cac);
        xml.WriteStartElement("cac", "Party", Cac);
        if (party.EndpointId is { } endpoint && party.EndpointScheme is { } scheme)
        {
            xml.WriteStartElement("cbc", "EndpointID", Cbc);
            xml.WriteAttributeString("schemeID", scheme);
            xml.WriteString(endpoint);
            xml.WriteEndElement();
        }

        if (party.Identifier is { } identifier)
        {
            xml.WriteStartElement("cac", "PartyIdentification", Cac);
            Basic(xml, "ID", identifier);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("cac", "PostalAddress", Cac);
        Basic(xml, "StreetName", party.Address.Street);
        Basic(xml, "CityName", party.Address.City);
        Basic(xml, "PostalZone", party.Address.PostalCode);
        Basic(xml, "CountrySubentity", party.Address.County);
        xml.WriteStartElement("cac", "Country", Cac);
        Basic(xml, "IdentificationCode", party.Address.Country);
        xml.WriteEndElement();
        xml.WriteEndElement();

        if (party.VatId is { } vatId)
        {
            xml.WriteStartElement("cac", "PartyTaxScheme", Cac);
            Basic(xml, "CompanyID", vatId);
            TaxScheme(xml);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("cac", "PartyLegalEntity", Cac);
        Basic(xml, "RegistrationName", party.Name);
        Basic(xml, "CompanyID", party.LegalId);
        xml.WriteEndElement();

        if (party.ContactPhone is not null || party.ContactEmail is not null)
        {
            xml.WriteStartElement("cac", "Contact", Cac);
            Basic(xml, "Telephone", party.ContactPhone);
            Basic(xml, "ElectronicMail", party.ContactEmail);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Category(XmlWriter xml, string element, VatCategory category, bool withExemption)
    {
        xml.WriteStartElement("cac", element, Cac);
        Basic(xml, "ID", category.Code);
        Basic(xml, "Percent", category.Percent.ToString("0.##", CultureInfo.InvariantCulture));
        if (withExemption)
        {
            Basic(xml, "TaxExemptionReasonCode", category.ExemptionCode);
            Basic(xml, "TaxExemptionReason", category.ExemptionReason);
        }

        TaxScheme(xml);
        xml.WriteEndElement();
    }

    private static void TaxScheme(XmlWriter xml)
    {
        xml.WriteStartElement("cac", "TaxScheme", Cac);
        Basic(xml, "ID", "VAT");
        xml.WriteEndElement();
    }

    private static void Period(XmlWriter xml, LocalDate start, LocalDate end)
    {
        xml.WriteStartElement("cac", "InvoicePeriod", Cac);
        Basic(xml, "StartDate", Date.Format(start));
        Basic(xml, "EndDate", Date.Format(end));
        xml.WriteEndElement();
    }

    private static void Amount(XmlWriter xml, string name, decimal amount, string currency, string format = "0.00")
    {
        xml.WriteStartElement("cbc", name, Cbc);
        xml.WriteAttributeString("currencyID", currency);
        xml.WriteString(amount.ToString(format, CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static string Quantity(decimal quantity) => quantity.ToString("0.####", CultureInfo.InvariantCulture);

    private static void Basic(XmlWriter xml, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            xml.WriteElementString("cbc", name, Cbc, value);
        }
    }
}
