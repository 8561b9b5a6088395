using System.ComponentModel.DataAnnotations;

namespace Modular.Payments;

/// <summary><c>Modular:Payments</c>.</summary>
public sealed class PaymentsOptions : IValidatableObject
{
    /// <summary>Currency of counter and partner payments when a file does not say.</summary>
    [Required]
    public string Currency { get; set; } = "RON";

    /// <summary>Largest online payment accepted.</summary>
    [Range(typeof(decimal), "1", "100000000")]
    public decimal MaxOnlineAmount { get; set; } = 100_000m;

    [Range(1, 500)]
    public int MaxInvoicesPerPayment { get; set; } = 50;

    /// <summary>Online payments pending longer than this are checked with the gateway by <c>ReconcilePendingPayments</c>.</summary>
    [Range(1, 10_080)]
    public int ReconcileAfterMinutes { get; set; } = 15;

    /// <summary>
    /// Where the scheduled import (job <c>PaymentsImportFolder</c>) finds files: partner files in
    /// <c>{ImportFolder}/partners/{Partner}/*.csv</c>, bank statements in <c>{ImportFolder}/bank/*.xml</c>. Relative to
    /// the host's content root.
    /// </summary>
    [Required]
    public string ImportFolder { get; set; } = "imports";

    /// <summary>
    /// How long a pending online payment holds its invoices: meanwhile another online payment of them is refused
    /// (<c>payments.invoice_payment_pending</c>). Afterwards a new payment may take them over (an abandoned gateway page).
    /// </summary>
    [Range(1, 1440)]
    public int PendingHoldMinutes { get; set; } = 30;

    /// <summary>Rows written per database round of an import (all rounds are one transaction).</summary>
    [Range(100, 100_000)]
    public int ImportBatchSize { get; set; } = 10_000;

    /// <summary>
    /// Series of the receipts of the money the utility takes itself (online, counter, kiosk): numbers are
    /// gapless per series ("R 000001"). Letters, digits and '-' only, up to 16 characters.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Z0-9-]{1,16}$")]
    public string ReceiptSeries { get; set; } = "R";

    public SandboxGatewayOptions Sandbox { get; set; } = new();

    /// <summary>
    /// The collection centres and their desks, by centre code (<c>Modular:Payments:Centres:CENTRAL:Name</c>,
    /// <c>…:Desks:0</c>). The code and the desk are what a counter payment records and its receipt prints. None
    /// configured: one centre <c>CENTRAL</c> ("Casieria centrală") with desks G1–G3.
    /// </summary>
    public Dictionary<string, CashierCentreOptions> Centres { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configured centres, or the single default one.</summary>
    internal IReadOnlyDictionary<string, CashierCentreOptions> CentresOrDefault => Centres.Count > 0
        ? Centres
        : new Dictionary<string, CashierCentreOptions>(StringComparer.OrdinalIgnoreCase)
        {
            ["CENTRAL"] = new() { Name = "Casieria centrală", Desks = ["G1", "G2", "G3"] },
        };

    /// <summary>Column mapping per partner name (case-insensitive); <c>Modular:Payments:Partners:PayPoint:Amount</c> etc.</summary>
    public Dictionary<string, PartnerFileFormat> Partners { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Core.Money.Currency.TryParse(Currency, out _))
        {
            yield return new ValidationResult($"'{Currency}' is not an ISO 4217 currency code.", [nameof(Currency)]);
        }

        if (Sandbox.Enabled == true && (Sandbox.Secret ?? string.Empty).Length < 16)
        {
            yield return new ValidationResult("The sandbox signing secret needs at least 16 characters.", ["Sandbox:Secret"]);
        }

        foreach (var (code, centre) in Centres)
        {
            if (code.Length is 0 or > 100 || string.IsNullOrWhiteSpace(centre.Name) || centre.Desks.Count == 0
                || centre.Desks.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 100) || centre.Desks.Distinct(StringComparer.OrdinalIgnoreCase).Count() != centre.Desks.Count)
            {
                yield return new ValidationResult($"Centre '{code}' needs a name and at least one desk (distinct, up to 100 characters).", [$"Centres:{code}"]);
            }
        }

        foreach (var (name, format) in Partners)
        {
            foreach (var error in format.Validate(name))
            {
                yield return error;
            }
        }
    }
}

/// <summary>
/// The built-in sandbox gateway (<c>Modular:Payments:Sandbox</c>): anyone who opens its page can approve a payment, so it
/// runs in Development, or elsewhere only when enabled explicitly (a test or staging host), and never with the published
/// secret outside Development (see <see cref="Gateway.SandboxSafety"/>).
/// </summary>
public sealed class SandboxGatewayOptions
{
    /// <summary>The secret shipped in the source: anyone can sign callbacks with it.</summary>
    public const string PublishedSecret = "sandbox-secret-change-me";

    /// <summary>Not set: on in Development only. <c>true</c> turns it on in any environment, <c>false</c> off everywhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>HMAC-SHA256 key of the sandbox callbacks; the published default is refused outside Development.</summary>
    public string Secret { get; set; } = PublishedSecret;

    /// <summary>Callbacks older or newer than this (against the clock) are refused.</summary>
    [Range(1, 3600)]
    public int ToleranceSeconds { get; set; } = 300;

    /// <summary>How long the hosted page's form token stays valid.</summary>
    [Range(1, 1440)]
    public int FormTokenMinutes { get; set; } = 30;
}

/// <summary>A collection centre: its name and the codes of its desks.</summary>
public sealed class CashierCentreOptions
{
    public string Name { get; set; } = string.Empty;

    public List<string> Desks { get; set; } = [];
}

/// <summary>How a partner's CSV is laid out: the header names of the columns we read.</summary>
public sealed class PartnerFileFormat
{
    public string Delimiter { get; set; } = ";";

    public string Reference { get; set; } = "reference";

    public string Amount { get; set; } = "amount";

    public string Date { get; set; } = "date";

    /// <summary>Date pattern (invariant culture) of the date column.</summary>
    public string DateFormat { get; set; } = "yyyy-MM-dd";

    public string TransactionId { get; set; } = "transaction_id";

    /// <summary>Optional column; empty when the partner does not send terminals.</summary>
    public string Terminal { get; set; } = "terminal";

    /// <summary>Optional column; empty means every row is in the module's currency.</summary>
    public string Currency { get; set; } = string.Empty;

    /// <summary>"." or "," as decimal separator of the amount column.</summary>
    public string DecimalSeparator { get; set; } = ".";

    internal IEnumerable<ValidationResult> Validate(string partner)
    {
        foreach (var (value, key) in new[] { (Reference, nameof(Reference)), (Amount, nameof(Amount)), (Date, nameof(Date)), (TransactionId, nameof(TransactionId)), (Delimiter, nameof(Delimiter)) })
        {
            if (string.IsNullOrEmpty(value))
            {
                yield return new ValidationResult($"Partner '{partner}' needs a {key} column.", [$"Partners:{partner}:{key}"]);
            }
        }

        if (Delimiter.Length != 1)
        {
            yield return new ValidationResult($"Partner '{partner}': the delimiter must be one character.", [$"Partners:{partner}:Delimiter"]);
        }

        if (DecimalSeparator is not ("." or ","))
        {
            yield return new ValidationResult($"Partner '{partner}': the decimal separator must be '.' or ','.", [$"Partners:{partner}:DecimalSeparator"]);
        }
    }
}
