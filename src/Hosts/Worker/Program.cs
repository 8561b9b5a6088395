using Modular.Accounts;
using Modular.Billing;
using Modular.Core.Composition;
using Modular.Hosting;
using Modular.Payments;
using Modular.Readings;
using Modular.Worker.Jobs;

var builder = Host.CreateApplicationBuilder(args);

builder.AddModular(modular => modular
    .AddAccounts()
    .AddReadings()
    .AddBilling()
    .AddPayments());
builder.AddModularDefaults();
builder.AddWorkerJobs();

builder.Build().Run();
