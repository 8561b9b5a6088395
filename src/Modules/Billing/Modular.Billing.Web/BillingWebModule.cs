using Modular.Billing.Web.Api;
using Modular.Billing.Web.Dashboard;
using Modular.Core.Composition;
using Modular.Web.Hooks;

namespace Modular.Billing.Web;

/// <summary>The invoice pages of the customer portal, the dashboard's balance, latest invoice and overdue alert, and the billing API.</summary>
public sealed class BillingWebModule : ModularWebModule
{
    protected override string ModuleName => "Billing";

    protected override void ConfigureWeb(WebContributions web) => web
        .AddMenuEntry("/Invoices", "nav.invoices", 20)
        .AddDashboardAlert<OverdueAlert>(10)
        .AddDashboardCard<BalanceCard>(10)
        .AddDashboardCard<LatestInvoice>(20)
        .AddToSlot<Staff.StaffInvoices>(Slots.StaffCustomer, 20, WebSurface.Staff)
        .AddStaffLookup<Staff.InvoiceNumberLookup>()
        .MapApi(BillingApi.Map);
}

public static class BillingWebModularBuilderExtensions
{
    /// <summary>Adds the invoice pages to the web shell (needs <c>.AddWeb()</c> and <c>.AddBilling()</c>).</summary>
    public static ModularBuilder AddBillingWeb(this ModularBuilder modular) => modular.AddModule(new BillingWebModule());
}
