using Autofac;
using Modular.Billing.Documents;
using Modular.Billing.EInvoices.Documents;
using Modular.Billing.EInvoices.Transmission;
using Modular.Billing.Domain;
using Modular.Billing.History;
using Modular.Billing.Imports;
using Modular.Billing.Invoices;
using Modular.Billing.Persistence;
using Modular.Billing.Runs;
using Modular.Core.Composition;
using Modular.Billing.Contracts;

namespace Modular.Billing;

/// <summary>
/// The Billing module: tariffs, billing runs, invoices and credit notes, payments allocation, documents, e-invoices and
/// their transmission, and history.
/// </summary>
public sealed class BillingModule : ModularModule
{
    public override string Name => "Billing";

    public override IReadOnlyCollection<string> DependsOn => ["Accounts", "Readings"];

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<BillingOptions>();
        services.AddDbContext<BillingDbContext>();
        services.AddPersonalDataSection<PersonalData.BillingPersonalDataSection>();
        services.AddStaffPermissions(typeof(BillingPermissions));
        services.AddResources();
        services.AddDemoData<Demo.BillingDemoData>();
        services.AddScheduledJob<BillingRunJob>(BillingRunJob.Name, BillingRunJob.DefaultCron);
        services.AddScheduledJob<MarkOverdueInvoicesJob>(MarkOverdueInvoicesJob.Name, MarkOverdueInvoicesJob.DefaultCron);
        services.AddScheduledJob<EInvoiceTransmissionJob>(EInvoiceTransmissionJob.Name, EInvoiceTransmissionJob.DefaultCron);
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<InvoiceCalculator>().InstancePerDependency();
        builder.RegisterType<InvoiceBulkWriter>().InstancePerDependency();
        builder.RegisterType<InvoiceDocumentRenderer>().InstancePerDependency();
        builder.RegisterType<InvoiceDocumentStore>().InstancePerDependency();
        builder.RegisterType<ImportService>().InstancePerDependency();
        builder.RegisterType<InvoiceHistory>().InstancePerDependency();
        builder.RegisterType<EInvoiceBuilder>().InstancePerDependency();
        builder.RegisterType<EInvoiceDocuments>().InstancePerDependency();
        builder.RegisterType<FolderEInvoiceTransmitter>().As<IEInvoiceTransmitter>().SingleInstance().PreserveExistingDefaults();
    }
}
