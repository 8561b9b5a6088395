namespace Modular.Accounts.ExternalSignIn;

/// <summary>Audit names of external sign-in events (beside Core's <c>security.login_*</c>, which a provider log-in records too).</summary>
internal static class ExternalSignInEvents
{
    public const string Registered = "security.external_registration";
    public const string Linked = "security.external_login_linked";
    public const string Unlinked = "security.external_login_unlinked";
}
