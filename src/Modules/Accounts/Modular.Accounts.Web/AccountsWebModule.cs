using Microsoft.Extensions.DependencyInjection;
using Modular.Accounts.Contracts;
using Modular.Accounts.Web.Api;
using Modular.Accounts.Web.Dashboard;
using Modular.Accounts.Web.Localization;
using Modular.Accounts.Web.Sessions;
using Modular.Core.Composition;
using Modular.Web.Hooks;
using Modular.Web.Localization;
using Modular.Web.Security;

namespace Modular.Accounts.Web;

/// <summary>
/// Signing in and everything around the account (registration, confirmation, password reset, terms), the profile with
/// its API tokens, the contracts page, the dashboard's "no client code yet" alert, and the contracts API.
/// </summary>
public sealed class AccountsWebModule : ModularWebModule
{
    protected override string ModuleName => "Accounts";

    public override void ConfigureServices(ModuleServices services)
    {
        base.ConfigureServices(services);
        // Bank and eID sign-in: one OpenID Connect scheme per provider in Modular:Accounts:ExternalProviders.
        ExternalSignIn.ExternalAuthentication.Add(services);
    }

    protected override void ConfigureWeb(WebContributions web)
    {
        web.AddMenuEntry("/Contracts", "nav.contracts", 60)
            .AddMenuEntry("/Profile", "nav.profile", 70)
            .AddDashboardAlert<NoContractsAlert>(0)
            .AllowAnonymous("/Account")
            .LimitCredentialAttempts("/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/ExternalRegister")
            // The address Accounts' "password changed" mail links to.
            .ConfigurePages(o => o.Conventions.AddPageRoute("/Account/ForgotPassword", "account/forgot"))
            .MapApi(AccountsApi.Map)
            // The back office (when the host adds it): customer look-up and page, acting on behalf; staff sign-in.
            .AddStaffMenuEntry("/staff/customers", "staff.nav.customers", 10, AccountsPermissions.CustomersRead)
            .AddStaffMenuEntry("/staff/accounts", "staff.nav.accounts", 100, AccountsPermissions.StaffManage);
        web.Services.AddScoped<IPreferredCultureStore, AccountsCultureStore>();
        web.Services.AddScoped<IServerSessions, AccountsServerSessions>();
        web.Services.AddScoped<IStaffSessions, AccountsStaffSessions>();
    }
}

public static class AccountsWebModularBuilderExtensions
{
    /// <summary>Adds the account pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddAccounts()</c>).</summary>
    public static ModularBuilder AddAccountsWeb(this ModularBuilder modular) => modular.AddModule(new AccountsWebModule());
}
