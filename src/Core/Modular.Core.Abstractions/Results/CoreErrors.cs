namespace Modular.Core.Results;

/// <summary>Error codes that Core itself produces.</summary>
public static class CoreErrors
{
    public const string Required = "core.required";
    public const string Invalid = "core.invalid";

    /// <summary>A text holds characters no form or API takes (control characters other than tab and line breaks, non-characters).</summary>
    public const string InvalidCharacters = "core.invalid_characters";
    public const string NotFound = "core.not_found";
    public const string Forbidden = "core.forbidden";
    public const string Conflict = "core.conflict";
    public const string CurrencyMismatch = "core.currency_mismatch";
    public const string DeadLetterNotFound = "core.dead_letter_not_found";
}
