using System.ComponentModel.DataAnnotations;

namespace Modular.Billing;

/// <summary><c>Modular:Billing</c>.</summary>
public sealed class BillingOptions : IValidatableObject
{
    /// <summary>Series of invoices issued by billing runs; numbers are gapless per series ("AP 000001").</summary>
    [Required]
    [RegularExpression("^[A-Z]{1,8}$")]
    public string Series { get; set; } = "AP";

    /// <summary>Due date = issue date + this many days.</summary>
    [Range(0, 365)]
    public int DueDays { get; set; } = 15;

    /// <summary>Grace date = due date + this many days (last day before penalties and disconnection notices).</summary>
    [Range(0, 365)]
    public int GraceDays { get; set; } = 15;

    /// <summary>Invoices of periods before this date are not shown in history (e.g. 2022-01-01); null shows all.</summary>
    public DateOnly? VisibleSince { get; set; }

    /// <summary>
    /// From this day of the month the scheduled run (job <c>BillingRun</c>) bills the previous month; runs are idempotent,
    /// so its later occurrences that month only resume.
    /// </summary>
    [Range(1, 28)]
    public int BillingDay { get; set; } = 1;

    /// <summary>Contracts per page of a billing run; each page is one transaction.</summary>
    [Range(10, 20_000)]
    public int RunPageSize { get; set; } = 2000;

    /// <summary>
    /// Seconds a billing run holds its period's run without committing a page; a run whose process was killed is resumed by
    /// the next RunBilling once this has passed. Keep it well above the time one page takes.
    /// </summary>
    [Range(10, 86_400)]
    public int RunLeaseSeconds { get; set; } = 300;

    /// <summary>Issuer data printed on the invoice.</summary>
    [Required]
    public string IssuerName { get; set; } = "Utility";

    public string? IssuerTaxId { get; set; }

    public string? IssuerAddress { get; set; }

    public string? Iban { get; set; }

    /// <summary>Series of credit notes (reversals and corrections of invoices); numbers are gapless per series.</summary>
    [Required]
    [RegularExpression("^[A-Z]{1,8}$")]
    public string CreditNoteSeries { get; set; } = "CN";

    /// <summary>E-invoices (UBL 2.1, CIUS-RO or Peppol BIS 3): <c>Modular:Billing:EInvoice</c>.</summary>
    public EInvoiceOptions EInvoice { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(IssuerName))
        {
            yield return new ValidationResult("The issuer name is required.", [nameof(IssuerName)]);
        }

        if (CreditNoteSeries == Series)
        {
            yield return new ValidationResult("Credit notes need a series of their own.", [nameof(CreditNoteSeries)]);
        }

        foreach (var (prefix, nested) in new (string, object)[] { ("EInvoice:", EInvoice), ("EInvoice:Transmission:", EInvoice.Transmission) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(result.ErrorMessage, result.MemberNames.Select(m => prefix + m).ToList());
            }
        }

        foreach (var result in EInvoice.Validate(this))
        {
            yield return result;
        }
    }
}
