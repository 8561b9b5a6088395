using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Requests.Catalogue;
using Modular.Requests.Contracts;
using Modular.Requests.Files;
using Modular.Requests.Persistence;
using Modular.Requests.Submissions;

namespace Modular.Requests;

/// <summary>Customers' requests to the utility's departments: the form catalogue, tracked requests with their thread and attachments.</summary>
public sealed class RequestsModule : ModularModule
{
    public override string Name => "Requests";

    /// <summary>Contracts, meters and invoices named in forms are checked against their owners' queries.</summary>
    public override IReadOnlyCollection<string> DependsOn => ["Accounts", "Readings", "Billing"];

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<RequestsOptions>();
        services.Services.AddSingleton<IValidateOptions<RequestsOptions>, CatalogueValidator>();
        services.AddDbContext<RequestsDbContext>();
        services.AddPersonalDataSection<PersonalData.RequestsPersonalDataSection>();
        services.AddStaffPermissions(typeof(RequestsPermissions));
        services.AddResources();
        services.Services.AddSingleton(sp => FormCatalogue.From(sp.GetRequiredService<IOptions<RequestsOptions>>(), sp.GetRequiredService<DataFolder>()));

        // Inspection acts.
        services.AddPersonalDataSection<PersonalData.ActsPersonalDataSection>();
        // One demo data source per module: the requests' demo, then the acts' (see DemoData/RequestsModuleDemo.cs).
        services.AddDemoData<DemoData.RequestsModuleDemo>("Accounts", "Readings");
        services.Services.AddScoped<DemoData.RequestsDemo>();
        services.Services.AddScoped<DemoData.ActsDemo>();
        services.AddScheduledJob<ActImport.ActImportFolderJob>(ActImport.ActImportFolderJob.Name, ActImport.ActImportFolderJob.DefaultCron);
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<FormValues>().InstancePerDependency();
        builder.RegisterType<AttachmentIntake>().InstancePerDependency();
        builder.RegisterType<DatabaseFileStore>().InstancePerLifetimeScope();
        builder.RegisterType<FolderFileStore>().InstancePerLifetimeScope();
        builder.Register<IRequestFileStore>(c => c.Resolve<IOptions<RequestsOptions>>().Value.FileStore == RequestFileStoreKind.Folder
                ? c.Resolve<FolderFileStore>()
                : c.Resolve<DatabaseFileStore>())
            .InstancePerLifetimeScope()
            .PreserveExistingDefaults();

        builder.RegisterType<Acts.ActWriter>().InstancePerDependency();
    }
}
