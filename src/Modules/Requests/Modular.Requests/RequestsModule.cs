using Autofac;
using Modular.Core.Composition;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests;

/// <summary>Customers' requests to the utility's departments: the form catalogue, tracked requests with their thread and attachments.</summary>
public sealed class RequestsModule : ModularModule
{
    public override string Name => "Requests";

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<RequestsOptions>();
        services.AddDbContext<RequestsDbContext>();
        services.AddStaffPermissions(typeof(RequestsPermissions));
        services.AddResources();

        // Inspection acts.
        services.AddPersonalDataSection<PersonalData.ActsPersonalDataSection>();
        services.AddDemoData<DemoData.ActsDemo>("Accounts", "Readings");
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<Acts.DatabaseActDocumentStore>().As<Acts.IActDocumentStore>().InstancePerLifetimeScope();
        builder.RegisterType<Acts.ActWriter>().InstancePerDependency();
    }
}
