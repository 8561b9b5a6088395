using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Modular.Accounts.Contracts;
using Modular.Billing.Contracts;
using Modular.Billing.Domain;
using Modular.Core.Geography;
using Modular.Core.Localization;
using Modular.Core.Money;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Billing.EInvoices.Documents;

/// <summary>
/// Maps our invoices and credit notes to EN 16931 (see the BT-n table in docs/modules/billing.md). An invoice whose total
/// is negative (a regularization that gives back more than the period costs) is stated as a credit note with the signs
/// turned, as the standard wants credits stated. Quantities: m³ (MTQ) for water and sewerage, days (DAY, priced per the
/// month's days) for monthly fees, so every line's net is exactly quantity × price.
/// </summary>
internal sealed class EInvoiceBuilder(IOptions<BillingOptions> options, ITextCatalog texts, IOptions<LocalizationOptions> localization)
{
    /// <summary>CIUS-RO's stand-in for an individual's unknown personal code (BT-47).</summary>
    public const string UnknownPersonalCode = "0000000000000";

    /// <summary>Peppol EAS schemes of VAT identifiers by their prefix.</summary>
    private static readonly FrozenDictionary<string, string> VatSchemes = new Dictionary<string, string>
    {
        ["AD"] = "9922", ["AL"] = "9923", ["AT"] = "9914", ["BA"] = "9924", ["BE"] = "9925", ["BG"] = "9926", ["CH"] = "9927", ["CY"] = "9928",
        ["CZ"] = "9929", ["DE"] = "9930", ["EE"] = "9931", ["ES"] = "9920", ["GB"] = "9932", ["EL"] = "9933", ["HR"] = "9934", ["HU"] = "9910",
        ["IE"] = "9935", ["LI"] = "9936", ["LT"] = "9937", ["LU"] = "9938", ["LV"] = "9939", ["MC"] = "9940", ["ME"] = "9941", ["MK"] = "9942",
        ["MT"] = "9943", ["NL"] = "9944", ["PL"] = "9945", ["PT"] = "9946", ["RO"] = "9947", ["RS"] = "9948", ["SI"] = "9949", ["SK"] = "9950",
        ["SM"] = "9951", ["TR"] = "9952", ["VA"] = "9953", ["FR"] = "9957",
    }.ToFrozenDictionary();

    private readonly BillingOptions _billing = options.Value;
    private readonly EInvoiceOptions _options = options.Value.EInvoice;
    private readonly string _culture = options.Value.EInvoice.Culture ?? localization.Value.DefaultCulture;

    public EInvoiceProfile Profile => _options.Profile;

    public Result<EInvoiceDocument> ForInvoice(Invoice invoice, CustomerParty? party, IReadOnlyList<PrecedingInvoice> preceding)
    {
        var lines = invoice.Lines;
        if (invoice.Source != InvoiceSource.Run || lines.Count == 0)
        {
            return Result<EInvoiceDocument>.Failure(BillingErrors.EInvoiceNotAvailable);
        }

        if (Check(invoice.Currency) is { } currencyError)
        {
            return Result<EInvoiceDocument>.Failure(currencyError);
        }

        var buyer = Buyer(party, invoice.CustomerName, invoice.ClientCode, invoice.ServiceAddress);
        if (buyer.IsFailure)
        {
            return Result<EInvoiceDocument>.From(buyer);
        }

        // A negative total is a credit: stated as a credit note, every sign turned.
        var credit = invoice.Total < 0m;
        var sign = credit ? -1m : 1m;
        var documentLines = lines.Select(l => Line(l, l.Quantity * sign, l.Net * sign, invoice.Estimated, whole: true)).ToList();
        var note = credit ? Text("billing.einvoice.regularization_credit")
            : invoice.Estimated ? Text("billing.einvoice.estimated_note")
            : null;
        var (start, end) = Covered(invoice.Period, lines);
        return new EInvoiceDocument(
            credit ? EInvoiceDocumentKind.CreditNote : EInvoiceDocumentKind.Invoice,
            invoice.Number,
            invoice.IssueDate,
            credit ? null : invoice.DueDate,
            invoice.Currency.Code,
            note,
            start,
            end,
            invoice.ClientCode,
            invoice.ContractNumber,
            preceding,
            Seller(),
            buyer.Value,
            credit ? null : Payment(invoice.Number),
            credit ? Text("billing.einvoice.credit_terms") : null,
            documentLines,
            Breakdown(lines.Select((l, i) => (documentLines[i].Vat, l.Net * sign, l.Vat * sign))),
            invoice.Net * sign,
            invoice.Vat * sign,
            invoice.Total * sign);
    }

    public Result<EInvoiceDocument> ForCreditNote(CreditNote creditNote, CustomerParty? party)
    {
        if (Check(creditNote.Currency) is { } currencyError)
        {
            return Result<EInvoiceDocument>.Failure(currencyError);
        }

        var buyer = Buyer(party, creditNote.CustomerName, creditNote.ClientCode, creditNote.ServiceAddress);
        if (buyer.IsFailure)
        {
            return Result<EInvoiceDocument>.From(buyer);
        }

        var credited = creditNote.Lines;
        var lines = credited.Select(c => c.Line).ToList();
        var documentLines = lines.Select(l => Line(l, l.Quantity, l.Net, estimated: false, whole: l.Quantity == FullShare(l))).ToList();
        var reason = creditNote.Reason == CreditNoteReason.Reversal ? "billing.einvoice.reversal_note" : "billing.einvoice.correction_note";
        var note = Truncate(creditNote.Note ?? texts.Get(reason, _culture, new Dictionary<string, object?> { ["number"] = creditNote.InvoiceNumber }), 300);
        var (start, end) = Covered(creditNote.Period, lines);
        return new EInvoiceDocument(
            EInvoiceDocumentKind.CreditNote,
            creditNote.Number,
            creditNote.IssueDate,
            null,
            creditNote.Currency.Code,
            note,
            start,
            end,
            creditNote.ClientCode,
            creditNote.ContractNumber,
            [new PrecedingInvoice(creditNote.InvoiceNumber, creditNote.InvoiceIssueDate)],
            Seller(),
            buyer.Value,
            null,
            Text("billing.einvoice.credit_terms"),
            documentLines,
            Breakdown(lines.Select((l, i) => (documentLines[i].Vat, l.Net, l.Vat))),
            creditNote.Net,
            creditNote.Vat,
            creditNote.Total);
    }

    private Error? Check(Currency currency) =>
        _options.Profile == EInvoiceProfile.CiusRo && currency.Code != "RON"
            ? Error.Of(BillingErrors.EInvoiceCurrencyUnsupported, null, ("currency", currency.Code))
            : null;

    private EInvoiceLine Line(InvoiceLine line, decimal quantity, decimal net, bool estimated, bool whole)
    {
        var name = texts.Get("billing.service." + line.Service, _culture)
            + (line.Kind == LineKind.Regularization ? " – " + texts.Get("billing.line.Regularization", _culture) : string.Empty)
            + (estimated && line.Kind == LineKind.Consumption ? " (E)" : string.Empty);
        var from = LocalDate.FromDateOnly(line.From);
        var to = LocalDate.FromDateOnly(line.To);
        var category = Category(line.VatRate);
        if (line.Kind != LineKind.Fixed)
        {
            return new EInvoiceLine(Truncate(name, 100), Description(line), quantity, "MTQ", net, line.UnitPrice, null, category, from, to);
        }

        if (!whole)
        {
            // Part of a month's fee credited: months, net = round(share × fee).
            return new EInvoiceLine(Truncate(name, 100), Description(line), quantity, "MON", net, line.UnitPrice, null, category, from, to);
        }

        // The fee is per month; the line bills its days at fee / days in month: net = round(days × fee / days in month).
        var days = Period.DaysBetween(from, to) + 1;
        var sign = Math.Sign(quantity) < 0 ? -1 : 1;
        return new EInvoiceLine(Truncate(name, 100), Description(line), days * sign, "DAY", net, line.UnitPrice, DaysInMonth(from), category, from, to);
    }

    private static string? Description(InvoiceLine line) => string.IsNullOrWhiteSpace(line.TariffName) ? null : Truncate(line.TariffName, 200);

    /// <summary>A monthly fee line's quantity when it bills all of its days (as the calculator writes it).</summary>
    private static decimal FullShare(InvoiceLine line)
    {
        if (line.Kind != LineKind.Fixed)
        {
            return decimal.MinValue;
        }

        var from = LocalDate.FromDateOnly(line.From);
        var days = Period.DaysBetween(from, LocalDate.FromDateOnly(line.To)) + 1;
        return MoneyRounding.Round((decimal)days / DaysInMonth(from), 4);
    }

    private static int DaysInMonth(LocalDate day) => day.Calendar.GetDaysInMonth(day.Year, day.Month);

    private VatCategory Category(decimal rate)
    {
        var rule = _options.CategoryOf(rate);
        return new VatCategory(rule.Category, rate * 100m, rule.Category == "E" ? rule.ExemptionReasonCode : null,
            rule.Category == "E" ? rule.ExemptionReason : null);
    }

    private static List<EInvoiceVat> Breakdown(IEnumerable<(VatCategory Category, decimal Net, decimal Vat)> lines) =>
        lines.GroupBy(l => (l.Category.Code, l.Category.Percent))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal).ThenBy(g => g.Key.Percent)
            .Select(g => new EInvoiceVat(g.First().Category, g.Sum(l => l.Net), g.Sum(l => l.Vat)))
            .ToList();

    /// <summary>BG-14: the billing month, widened to cover every line (a regularization reaches back to the last actual reading).</summary>
    private static (LocalDate Start, LocalDate End) Covered(YearMonth period, IReadOnlyList<InvoiceLine> lines)
    {
        var start = period.OnDayOfMonth(1);
        var end = period.OnDayOfMonth(period.Calendar.GetDaysInMonth(period.Year, period.Month));
        foreach (var line in lines)
        {
            var from = LocalDate.FromDateOnly(line.From);
            var to = LocalDate.FromDateOnly(line.To);
            start = from < start ? from : start;
            end = to > end ? to : end;
        }

        return (start, end);
    }

    private EInvoiceParty Seller() => new(
        Truncate(_billing.IssuerName, 200),
        null,
        _billing.IssuerTaxId,
        Blank(_options.RegistrationNumber),
        _options.Profile == EInvoiceProfile.Peppol ? _options.EndpointScheme : null,
        _options.Profile == EInvoiceProfile.Peppol ? _options.EndpointId : null,
        new EInvoiceAddress(Blank(_options.Street), Blank(_options.City), Blank(_options.PostalCode), Blank(_options.County), _options.Country),
        Blank(_options.ContactEmail),
        Blank(_options.ContactPhone));

    private EInvoicePayment Payment(string number) =>
        new(_options.PaymentMeansCode, number, (_billing.Iban ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(),
            Truncate(_billing.IssuerName, 200));

    /// <summary>
    /// BG-7 from the customer directory. CIUS-RO: street, city and (in Romania) county are required, and a legal (BT-47)
    /// or VAT (BT-48) identifier: an individual's personal code, or 13 zeros when it is not known, as ANAF asks. Peppol: an
    /// electronic address (BT-49) from the registration number (Latvia: 0218) or the VAT identifier; personal codes are
    /// never sent.
    /// </summary>
    private Result<EInvoiceParty> Buyer(CustomerParty? party, string name, string clientCode, string serviceAddress)
    {
        if (party is null)
        {
            return Result<EInvoiceParty>.Failure(BillingErrors.EInvoiceBuyerUnavailable);
        }

        var address = party.Address;
        var country = address.Country ?? _options.Country;
        var vatId = party.TaxId is { } tax && IsVatId(tax) ? tax : null;
        var bareTaxId = party.TaxId is { } bare && !IsVatId(bare) ? bare : null;
        var street = address.Street ?? Blank(serviceAddress);
        var missing = new List<string>();
        if (street is null)
        {
            missing.Add("street");
        }

        string? legalId;
        string? endpointScheme = null;
        string? endpointId = null;
        if (_options.Profile == EInvoiceProfile.CiusRo)
        {
            legalId = party.LegalType == LegalType.Individual
                ? party.PersonalCode ?? UnknownPersonalCode
                : bareTaxId ?? party.RegistrationNumber;
            if (address.City is null)
            {
                missing.Add("city");
            }

            if (country == PlaceCodes.Romania && address.County is null)
            {
                missing.Add("county");
            }

            if (legalId is null && vatId is null)
            {
                missing.Add("tax_id");
            }
        }
        else
        {
            legalId = party.LegalType == LegalType.Individual ? null : party.RegistrationNumber ?? bareTaxId;
            var latvianNumber = party.RegistrationNumber ?? bareTaxId;
            if (country == PlaceCodes.Latvia && latvianNumber is { Length: 11 } && latvianNumber.All(char.IsAsciiDigit))
            {
                (endpointScheme, endpointId) = ("0218", latvianNumber);
            }
            else if (vatId is not null && VatSchemes.TryGetValue(vatId[..2], out var scheme))
            {
                (endpointScheme, endpointId) = (scheme, vatId);
            }
            else
            {
                return Result<EInvoiceParty>.Failure(BillingErrors.EInvoiceBuyerEndpointMissing);
            }
        }

        if (missing.Count > 0)
        {
            return Result<EInvoiceParty>.Failure(Error.Of(BillingErrors.EInvoiceBuyerIncomplete, null, ("missing", string.Join(", ", missing))));
        }

        return new EInvoiceParty(Truncate(name, 200), clientCode, vatId, legalId, endpointScheme, endpointId,
            new EInvoiceAddress(Truncate(street!, 150), address.City, address.PostalCode, address.County, country), null, null);
    }

    private static bool IsVatId(string taxId) => taxId.Length > 2 && char.IsAsciiLetter(taxId[0]) && char.IsAsciiLetter(taxId[1]);

    private string Text(string key) => texts.Get(key, _culture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
