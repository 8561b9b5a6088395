namespace Modular.Accounts;

/// <summary>Stable error codes of the Accounts module; texts in texts/{ro,en,lv}.json.</summary>
internal static class AccountsErrors
{
    public const string EmailInvalid = "accounts.email_invalid";
    public const string ClientCodeRequired = "accounts.client_code_required";
    public const string ProofRequired = "accounts.proof_required";
    public const string PhoneInvalid = "accounts.phone_invalid";
    public const string ClientCodeOrProofInvalid = "accounts.client_code_or_proof_invalid";
    public const string ProofThrottled = "accounts.proof_throttled";
    public const string PasswordsDoNotMatch = "accounts.passwords_do_not_match";
    public const string PasswordTooShort = "accounts.password_too_short";
    public const string PasswordTooLong = "accounts.password_too_long";
    public const string PasswordTooCommon = "accounts.password_too_common";
    public const string TermsNotAccepted = "accounts.terms_not_accepted";
    public const string TermsVersionOutdated = "accounts.terms_version_outdated";
    public const string CultureUnsupported = "accounts.culture_unsupported";
    public const string TokenInvalid = "accounts.token_invalid";
    public const string InvalidCredentials = "accounts.invalid_credentials";
    public const string LoginThrottled = "accounts.login_throttled";
    public const string EmailNotConfirmed = "accounts.email_not_confirmed";
    public const string CurrentPasswordWrong = "accounts.current_password_wrong";
    public const string EmailUnchanged = "accounts.email_unchanged";
    public const string EmailTaken = "accounts.email_taken";
    public const string ClientCodeNotLinked = "accounts.client_code_not_linked";
    public const string InvoiceConditionsOutdated = "accounts.invoice_conditions_outdated";
    public const string NotSignedIn = "accounts.not_signed_in";
    public const string ConcurrentUpdate = "accounts.concurrent_update";
    public const string SessionInvalid = "accounts.session_invalid";
    public const string SecondFactorInvalid = "accounts.second_factor_invalid";
    public const string StaffDisabled = "accounts.staff_disabled";
    public const string StaffNotFound = "accounts.staff_not_found";
    public const string StaffEmailTaken = "accounts.staff_email_taken";
    public const string StaffNameRequired = "accounts.staff_name_required";
    public const string StaffRoleUnknown = "accounts.staff_role_unknown";
    public const string ReasonRequired = "accounts.reason_required";
    public const string SearchTextRequired = "accounts.search_text_required";
    public const string PasswordRegistrationDisabled = "accounts.password_registration_disabled";
    public const string ExternalIdentityMissing = "accounts.external_identity_missing";
    public const string ExternalIdentityMismatch = "accounts.external_identity_mismatch";
    public const string ExternalLoginNotLinked = "accounts.external_login_not_linked";
    public const string ExternalLoginTaken = "accounts.external_login_taken";
    public const string ExternalProviderAlreadyLinked = "accounts.external_provider_already_linked";
    public const string ExternalLoginLastMethod = "accounts.external_login_last_method";
    public const string ExternalEmailTaken = "accounts.external_email_taken";
    public const string ExternalLoginUnavailable = "accounts.external_login_unavailable";

    /// <summary>Closing an account needs an explicit confirmation.</summary>
    public const string CloseNotConfirmed = "accounts.close_not_confirmed";
}
