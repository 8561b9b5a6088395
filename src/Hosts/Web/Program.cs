using Modular.Accounts;
using Modular.Accounts.Staff;
using Modular.Accounts.Web;
using Modular.Backoffice.Web;
using Modular.Billing;
using Modular.Billing.Web;
using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Documents.Chromium;
using Modular.Hosting;
using Modular.Kiosks;
using Modular.Kiosks.Web;
using Modular.Notifications;
using Modular.Notifications.Web;
using Modular.Payments;
using Modular.Payments.Web;
using Modular.Readings;
using Modular.Readings.Web;
using Modular.Requests;
using Modular.Requests.Web;
using Modular.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddModular(m => m
    .AddWeb().AddBackoffice()
    .AddAccounts().AddAccountsWeb()
    .AddReadings().AddReadingsWeb()
    .AddBilling().AddBillingWeb()
    .AddPayments().AddPaymentsWeb()
    .AddRequests().AddRequestsWeb()
    .AddNotifications().AddNotificationsWeb()
    .AddKiosks().AddKiosksWeb()
    .UseChromiumPdf());
builder.AddModularDefaults(PublicSurface.Portal);

var app = builder.Build();
if (StaffCommandLine.Handles(args))
{
    return await StaffCommandLine.RunAsync(app, args);
}

app.UseModularWeb();
app.MapModularDefaults();
app.Run();
return 0;

namespace Modular.Web
{
    /// <summary>A type of this host's assembly, for test factories (several hosts share the name Program).</summary>
    public sealed class HostMarker;
}
