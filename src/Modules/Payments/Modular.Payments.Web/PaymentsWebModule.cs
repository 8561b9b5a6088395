using Microsoft.AspNetCore.Mvc;
using Modular.Core.Composition;
using Modular.Payments.Contracts;
using Modular.Payments.Web.Api;
using Modular.Payments.Web.Gateway;
using Modular.Web.Hooks;

namespace Modular.Payments.Web;

/// <summary>
/// Paying online, the payments history, the "pay" actions on other modules' pages, the gateways' endpoints, the payments
/// API, and the back office's payments, suspense and imports screens with the customer page's payments section, the cashier's desk
/// (<c>/staff/cashier</c>), its end of day and the cancellations a supervisor decides.
/// </summary>
public sealed class PaymentsWebModule : ModularWebModule
{
    protected override string ModuleName => "Payments";

    protected override void ConfigureWeb(WebContributions web) => web
        .AddMenuEntry("/Pay", "nav.pay", 30)
        .AddMenuEntry("/Payments", "nav.payments", 40)
        .AddToSlot<PayAction>(Slots.PayAction, 10)
        .AddStaffMenuEntry("/staff/cashier", "staff.nav.cashier", 20, PaymentsPermissions.Counter)
        .AddStaffMenuEntry("/staff/cashier/day", "staff.nav.cashier_day", 22, PaymentsPermissions.Counter)
        .AddStaffMenuEntry("/staff/cashier/cancellations", "staff.nav.cashier_cancellations", 24, PaymentsPermissions.CounterApprove)
        .AddStaffMenuEntry("/staff/cashier/days", "staff.nav.cashier_days", 26, PaymentsPermissions.CounterApprove)
        .AddStaffMenuEntry("/staff/payments", "staff.nav.payments", 30, PaymentsPermissions.Read)
        .AddStaffMenuEntry("/staff/suspense", "staff.nav.suspense", 40, PaymentsPermissions.Suspense)
        .AddStaffMenuEntry("/staff/imports", "staff.nav.imports", 42, PaymentsPermissions.Suspense)
        .AddToSlot<Staff.StaffPayments>(Slots.StaffCustomer, 30, WebSurface.Staff)
        .MapEndpoints(routes => routes.MapPaymentGateways())
        .MapApi(PaymentsApi.Map);
}

/// <summary>A link to pay an invoice (or towards the balance), in the look the hosting page asks for.</summary>
public sealed class PayAction : ViewComponent
{
    public IViewComponentResult Invoke(Guid? invoiceId, string style) => View((invoiceId, style));
}

public static class PaymentsWebModularBuilderExtensions
{
    /// <summary>Adds the payment pages and the gateways' endpoints to the web shell (needs <c>.AddWeb()</c> and <c>.AddPayments()</c>).</summary>
    public static ModularBuilder AddPaymentsWeb(this ModularBuilder modular) => modular.AddModule(new PaymentsWebModule());
}
