using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Modular.Accounts;

/// <summary>What a customer proves, besides the client code, to register or to add a client code.</summary>
public enum RegistrationProof
{
    /// <summary>The contract number (Valea Jiului, Giurgiu).</summary>
    ContractNumber,

    /// <summary>The contract's internal code plus the phone number on file.</summary>
    InternalCodeAndPhone,
}

/// <summary><c>Modular:Accounts</c>. (Links in emails start with <c>Modular:Links:Portal</c>; the former <c>PortalBaseUrl</c> is read as it when that is unset.)</summary>
public sealed class AccountsOptions : IValidatableObject
{
    public RegistrationProof RegistrationProof { get; set; } = RegistrationProof.ContractNumber;

    /// <summary>Phones are normalized (spaces, dots, dashes removed; +40/0040 turned into 0) and must match this pattern.</summary>
    [Required]
    public string PhonePattern { get; set; } = "^0[0-9]{9}$";

    /// <summary>
    /// Country (ISO 3166-1 alpha-2) of imported customers whose row names none: their fiscal and personal codes are checked
    /// by its rules, and their address, when the row has one, is in it.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Z]{2}$")]
    public string DefaultCountry { get; set; } = "RO";

    [Range(1, 24 * 30)]
    public int TokenLifetimeHours { get; set; } = 24;

    [Range(8, 64)]
    public int MinPasswordLength { get; set; } = 8;

    /// <summary>Longer passwords are refused (never truncated); at least 64 characters are always accepted.</summary>
    [Range(64, 4096)]
    public int MaxPasswordLength { get; set; } = 256;

    /// <summary>A file with one common password per line, used in addition to the embedded list.</summary>
    public string? CommonPasswordsFile { get; set; }

    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP 2023: 210,000). Stored hashes with fewer are upgraded at the next login.</summary>
    [Range(210_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>Failed logins in a row before the back-off starts.</summary>
    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>First back-off; it doubles with each further failure up to <see cref="LockoutMaxSeconds"/>.</summary>
    [Range(1, 3600)]
    public int LockoutBaseSeconds { get; set; } = 30;

    [Range(1, 24 * 3600)]
    public int LockoutMaxSeconds { get; set; } = 15 * 60;

    /// <summary>The current terms and conditions version; users who accepted another one are asked again at login.</summary>
    [Required]
    public string TermsVersion { get; set; } = "1";

    /// <summary>The current version of the invoice-by-email conditions.</summary>
    [Required]
    public string InvoiceConditionsVersion { get; set; } = "1";

    /// <summary>
    /// Whether customers may register with a password. Off, they register only through an external provider
    /// (<c>ExternalProviders</c>); users who already have a password keep logging in with it.
    /// </summary>
    public bool PasswordRegistration { get; set; } = true;

    /// <summary>
    /// The key (base64, at least 32 bytes) of the HMAC-SHA256 that links keep of a national identity number instead of
    /// the number. Required when external providers are configured; changing it orphans every existing link's hash.
    /// </summary>
    public string? IdentityHashKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IdentityHashKey is not null && ExternalSignIn.IdentityNumberHasher.KeyOf(IdentityHashKey) is null)
        {
            yield return new ValidationResult("IdentityHashKey must be base64 of at least 32 bytes.", [nameof(IdentityHashKey)]);
        }

        if (Domain.LegalIdentifiers.TryCountry(DefaultCountry ?? string.Empty) is null)
        {
            yield return new ValidationResult($"'{DefaultCountry}' is not an ISO 3166-1 alpha-2 country code.", [nameof(DefaultCountry)]);
        }

        if (LockoutMaxSeconds < LockoutBaseSeconds)
        {
            yield return new ValidationResult("LockoutMaxSeconds must not be less than LockoutBaseSeconds.", [nameof(LockoutMaxSeconds)]);
        }

        if (CommonPasswordsFile is not null && !File.Exists(CommonPasswordsFile))
        {
            yield return new ValidationResult($"The file '{CommonPasswordsFile}' does not exist.", [nameof(CommonPasswordsFile)]);
        }

        string? patternError = null;
        try
        {
            _ = new Regex(PhonePattern ?? string.Empty);
        }
        catch (ArgumentException ex)
        {
            patternError = ex.Message;
        }

        if (patternError is not null)
        {
            yield return new ValidationResult($"PhonePattern is not a regular expression: {patternError}", [nameof(PhonePattern)]);
        }
    }
}
