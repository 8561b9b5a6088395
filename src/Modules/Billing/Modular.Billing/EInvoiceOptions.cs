using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Modular.Core.Geography;

namespace Modular.Billing;

/// <summary>The rules an e-invoice follows: Romania's e-Factura or Peppol BIS Billing 3.0 (both on EN 16931 in UBL 2.1).</summary>
public enum EInvoiceProfile
{
    /// <summary>EN 16931 with Romania's national rules (CIUS-RO 1.0.1 as validated by the 1.0.9 artefacts).</summary>
    CiusRo,

    /// <summary>Peppol BIS Billing 3.0 (e.g. Latvia's structured e-invoices).</summary>
    Peppol,
}

/// <summary>What the development transmitter answers to an upload (see <c>FolderEInvoiceTransmitter</c>).</summary>
public enum DevelopmentAnswer
{
    /// <summary>Accepts every document at the first status poll.</summary>
    Accept,

    /// <summary>Rejects every document at the first status poll.</summary>
    Reject,

    /// <summary>Leaves documents in progress until an answer file is put into the exchange folder by hand.</summary>
    None,
}

/// <summary>
/// <c>Modular:Billing:EInvoice</c>. The seller is the utility: its name, VAT identifier and IBAN are <c>IssuerName</c>,
/// <c>IssuerTaxId</c> and <c>Iban</c> of <c>Modular:Billing</c>; the rest is here. Checked at start when <see cref="Enabled"/>.
/// </summary>
public sealed class EInvoiceOptions
{
    private static readonly Regex VatId = new("^[A-Z]{2}[0-9A-Z]{2,13}$", RegexOptions.CultureInvariant);

    /// <summary>Issues e-invoices (downloads, run exports, transmission); off by default.</summary>
    public bool Enabled { get; set; }

    public EInvoiceProfile Profile { get; set; } = EInvoiceProfile.CiusRo;

    /// <summary>Trade register number (BT-30), e.g. J08/1234/1998 or the Latvian registration number.</summary>
    public string? RegistrationNumber { get; set; }

    public string? Street { get; set; }

    public string? City { get; set; }

    /// <summary>ISO 3166-2 subdivision (RO-BV); required in Romania.</summary>
    public string? County { get; set; }

    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = PlaceCodes.Romania;

    /// <summary>Seller contact (BG-6), optional.</summary>
    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The seller's electronic address (BT-34), required for Peppol: a scheme of the EAS list (0218, 9939…) and the id.</summary>
    public string? EndpointScheme { get; set; }

    public string? EndpointId { get; set; }

    /// <summary>Payment means (BT-81, UNCL 4461): 30 credit transfer, 42 payment to bank account, 58 SEPA credit transfer.</summary>
    public string PaymentMeansCode { get; set; } = "30";

    /// <summary>
    /// VAT category of a tariff's rate (BT-151). A rate without a rule is S (standard) when above zero and Z (zero rated)
    /// at zero; list a rule to make zero-rated services exempt (E, with the exemption reason the law gives).
    /// </summary>
    public List<VatCategoryRule> VatCategories { get; set; } = [];

    /// <summary>Language of line names and notes (ro, en, lv); the host's default culture when empty.</summary>
    public string? Culture { get; set; }

    /// <summary>Invoices read per page by a run export.</summary>
    [Range(10, 10_000)]
    public int ExportPageSize { get; set; } = 500;

    public EInvoiceTransmissionOptions Transmission { get; set; } = new();

    /// <summary>The VAT category of a rate: the matching rule, else S above zero and Z at zero.</summary>
    public VatCategoryRule CategoryOf(decimal rate) =>
        VatCategories.FirstOrDefault(r => r.Rate == rate) ?? new VatCategoryRule { Rate = rate, Category = rate > 0m ? "S" : "Z" };

    internal IEnumerable<ValidationResult> Validate(BillingOptions billing)
    {
        if (!Enabled)
        {
            yield break;
        }

        const string Prefix = "EInvoice:";
        if (billing.IssuerTaxId is null || !VatId.IsMatch(billing.IssuerTaxId))
        {
            yield return new ValidationResult("E-invoices need the utility's VAT identifier with its country prefix in IssuerTaxId (e.g. RO18547290).",
                [nameof(BillingOptions.IssuerTaxId)]);
        }

        if (billing.Iban is null || !IsIban(billing.Iban))
        {
            yield return new ValidationResult("E-invoices need the utility's IBAN (with a valid check) in Iban.", [nameof(BillingOptions.Iban)]);
        }

        if (string.IsNullOrWhiteSpace(Street) || string.IsNullOrWhiteSpace(City))
        {
            yield return new ValidationResult("The utility's street and city are required.", [Prefix + nameof(Street), Prefix + nameof(City)]);
        }

        if (!PlaceCodes.IsCountry(Country))
        {
            yield return new ValidationResult($"'{Country}' is not an ISO 3166-1 alpha-2 country code.", [Prefix + nameof(Country)]);
        }

        if (Country == PlaceCodes.Romania && !PlaceCodes.IsRomanianCounty(County))
        {
            yield return new ValidationResult($"'{County}' is not a Romanian county code (RO-BV, RO-B…).", [Prefix + nameof(County)]);
        }

        if (County == PlaceCodes.Bucharest && !PlaceCodes.IsBucharestSector(City))
        {
            yield return new ValidationResult("In Bucharest the city is the sector: SECTOR1 … SECTOR6.", [Prefix + nameof(City)]);
        }

        if (Profile == EInvoiceProfile.Peppol && (EndpointScheme is null || !Regex.IsMatch(EndpointScheme, "^[0-9]{4}$") || string.IsNullOrWhiteSpace(EndpointId)))
        {
            yield return new ValidationResult("Peppol needs the utility's electronic address: EndpointScheme (four digits, e.g. 0218) and EndpointId.",
                [Prefix + nameof(EndpointScheme), Prefix + nameof(EndpointId)]);
        }

        if (PaymentMeansCode is not ("30" or "42" or "58"))
        {
            yield return new ValidationResult("PaymentMeansCode must be 30, 42 or 58.", [Prefix + nameof(PaymentMeansCode)]);
        }

        if (Culture is not null && !Core.Localization.LocalizationOptions.Supported.Contains(Culture))
        {
            yield return new ValidationResult($"'{Culture}' is not a supported culture.", [Prefix + nameof(Culture)]);
        }

        foreach (var rule in VatCategories)
        {
            var problem = rule.Category switch
            {
                "S" when rule.Rate <= 0m || rule.Rate >= 1m => "S (standard) needs a rate above 0 and below 1",
                "Z" when rule.Rate != 0m => "Z (zero rated) needs rate 0",
                "E" when rule.Rate != 0m => "E (exempt) needs rate 0",
                "E" when string.IsNullOrWhiteSpace(rule.ExemptionReasonCode) && string.IsNullOrWhiteSpace(rule.ExemptionReason) =>
                    "E (exempt) needs ExemptionReasonCode or ExemptionReason",
                "S" or "Z" or "E" => null,
                _ => "the category must be S, Z or E",
            };
            if (problem is not null)
            {
                yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"VAT rate {rule.Rate}: {problem}."), [Prefix + nameof(VatCategories)]);
            }
        }

        if (VatCategories.GroupBy(r => r.Rate).Any(g => g.Count() > 1))
        {
            yield return new ValidationResult("A VAT rate is listed twice.", [Prefix + nameof(VatCategories)]);
        }
    }

    /// <summary>ISO 13616: letters to numbers, the first four characters moved to the end, mod 97 = 1.</summary>
    internal static bool IsIban(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34 || !compact.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(compact[0]) || !char.IsAsciiLetter(compact[1]))
        {
            return false;
        }

        var digits = string.Concat((compact[4..] + compact[..4]).Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }
}

/// <summary>A VAT rate's category (S, Z or E) and, for E, the exemption reason (BT-121 code such as VATEX-EU-132, and/or BT-120 text).</summary>
public sealed class VatCategoryRule
{
    /// <summary>The rate as tariffs carry it (a fraction: 0.11 for 11 %).</summary>
    public decimal Rate { get; set; }

    public string Category { get; set; } = "S";

    public string? ExemptionReasonCode { get; set; }

    public string? ExemptionReason { get; set; }
}

/// <summary><c>Modular:Billing:EInvoice:Transmission</c>: sending documents to the authority or access point.</summary>
public sealed class EInvoiceTransmissionOptions
{
    /// <summary>Queues every issued invoice and credit note for transmission; off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Exchange folder of the development transmitter (relative to the content root).</summary>
    [Required]
    public string Folder { get; set; } = "einvoice-exchange";

    public DevelopmentAnswer DevelopmentAnswer { get; set; } = DevelopmentAnswer.Accept;

    /// <summary>Documents uploaded or polled per call of the transmission commands.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long an instance holds a document it is uploading before another may take it over.</summary>
    [Range(10, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Wait between status polls of an uploaded document, and the first wait after a failed upload (doubling up to an hour).</summary>
    [Range(1, 86_400)]
    public int RetrySeconds { get; set; } = 60;
}
