using System.Net.Mail;
using FluentValidation;
using FluentValidation.Results;
using Modular.Accounts.Access;
using Modular.Core.Email;
using Modular.Core.Localization;
using Modular.Core.Results;

namespace Modular.Accounts.Security;

/// <summary>Rules shared by the module's validators.</summary>
internal static class ValidationRules
{
    /// <summary>An address mail servers will take (<see cref="EmailAddresses"/>) that the sender can also address.</summary>
    public static bool IsEmail(string? email) =>
        email is not null && EmailAddresses.IsDeliverable(email.Trim())
        && MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim();

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsEmail).WithErrorCode(AccountsErrors.EmailInvalid);

    public static bool IsSupportedCulture(string? culture) => culture is not null && LocalizationOptions.Supported.Contains(culture);

    private const int MaxPhoneLength = 30;

    /// <summary>A client code longer than the directory holds: refused like a wrong proof, before any attempt is counted.</summary>
    public static IRuleBuilderOptions<T, string?> ClientCodeRules<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithErrorCode(AccountsErrors.ClientCodeRequired)
            .Must(c => !TooLong(c)).WithErrorCode(AccountsErrors.ClientCodeOrProofInvalid);

    private static bool TooLong(string? code) => code?.Trim().Length > ProofChecker.MaxCodeLength;

    /// <summary>Adds the proof fields' rules for the configured proof kind.</summary>
    public static void ProofRules<T>(this AbstractValidator<T> validator, AccountsOptions options,
        Func<T, string?> contractNumber, Func<T, string?> internalCode, Func<T, string?> phone)
    {
        validator.RuleFor(x => x).Custom((x, context) =>
        {
            // A code longer than the directory holds cannot prove anything: the same answer as any wrong proof, never counted.
            if (TooLong(contractNumber(x)) || TooLong(internalCode(x)) || phone(x)?.Length > MaxPhoneLength)
            {
                context.AddFailure(Failure(new Error(AccountsErrors.ClientCodeOrProofInvalid, "ClientCode")));
                return;
            }

            if (options.RegistrationProof == RegistrationProof.ContractNumber)
            {
                if (string.IsNullOrWhiteSpace(contractNumber(x)))
                {
                    context.AddFailure(Failure(new Error(AccountsErrors.ProofRequired, "ContractNumber")));
                }

                return;
            }

            if (string.IsNullOrWhiteSpace(internalCode(x)))
            {
                context.AddFailure(Failure(new Error(AccountsErrors.ProofRequired, "InternalCode")));
            }

            if (string.IsNullOrWhiteSpace(phone(x)))
            {
                context.AddFailure(Failure(new Error(AccountsErrors.ProofRequired, "Phone")));
            }
            else if (!Phones.IsValid(phone(x)!, options.PhonePattern))
            {
                context.AddFailure(Failure(new Error(AccountsErrors.PhoneInvalid, "Phone")));
            }
        });
    }

    /// <summary>Adds the password policy's violations without the attempted value (a password never travels in an error).</summary>
    public static void PasswordRules<T>(this AbstractValidator<T> validator, PasswordPolicy policy, string field,
        Func<T, string?> password, Func<T, string?> confirmation, Func<T, string?>? email = null)
    {
        validator.RuleFor(x => x).Custom((x, context) =>
        {
            foreach (var error in policy.Check(password(x), confirmation(x), field, email?.Invoke(x)))
            {
                context.AddFailure(Failure(error));
            }
        });
    }

    private static ValidationFailure Failure(Error error) => new(error.Field, error.Code, attemptedValue: null)
    {
        ErrorCode = error.Code,
        FormattedMessagePlaceholderValues = error.Arguments.ToDictionary(a => a.Key, a => a.Value),
    };
}
