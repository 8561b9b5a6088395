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

    /// <summary>Issuer data printed on the invoice.</summary>
    [Required]
    public string IssuerName { get; set; } = "Utility";

    public string? IssuerTaxId { get; set; }

    public string? IssuerAddress { get; set; }

    public string? Iban { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(IssuerName))
        {
            yield return new ValidationResult("The issuer name is required.", [nameof(IssuerName)]);
        }
    }
}
