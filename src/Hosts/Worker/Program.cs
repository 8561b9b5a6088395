using Modular.Accounts;
using Modular.Accounts.Staff;
using Modular.Billing;
using Modular.Core.Composition;
using Modular.Hosting;
using Modular.Kiosks;
using Modular.Notifications;
using Modular.Payments;
using Modular.Readings;
using Modular.Requests;
using Modular.Worker;

// The worker runs the modules' scheduled jobs (each occurrence once, whichever instance takes it) and the outbox.
var builder = Host.CreateApplicationBuilder(args);
builder.AddModular(modular => modular
    .AddAccounts()
    .AddReadings()
    .AddBilling()
    .AddPayments()
    .AddRequests()
    .AddNotifications()
    .AddKiosks()
    .RunSchedules());
builder.AddModularDefaults();
builder.AddWorkerHealthFile();

var host = builder.Build();
if (StaffCommandLine.Handles(args))
{
    return await StaffCommandLine.RunAsync(host, args);
}

host.Run();
return 0;
