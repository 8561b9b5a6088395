using Autofac;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Payments.Contracts;
using Modular.Payments.Gateway;
using Modular.Payments.Imports;
using Modular.Payments.Notifications;
using Modular.Payments.Online;
using Modular.Payments.Persistence;

namespace Modular.Payments;

/// <summary>Online payments, counter payments, partner and bank imports, suspense, refunds and receipts.</summary>
public sealed class PaymentsModule : ModularModule
{
    public override string Name => "Payments";

    public override IReadOnlyCollection<string> DependsOn => ["Billing", "Accounts"];

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<PaymentsOptions>();
        var safety = new SandboxSafety(services.Environment.EnvironmentName);
        services.Services.AddSingleton<IPostConfigureOptions<PaymentsOptions>>(safety);
        services.Services.AddSingleton<IValidateOptions<PaymentsOptions>>(safety);
        services.AddDbContext<PaymentsDbContext>();
        services.AddPersonalDataSection<PersonalData.PaymentsPersonalDataSection>();
        services.AddStaffPermissions(typeof(PaymentsPermissions));
        services.AddResources();
        services.AddDemoData<Demo.PaymentsDemoData>();
        services.AddScheduledJob<ReconcilePendingPaymentsJob>(ReconcilePendingPaymentsJob.Name, ReconcilePendingPaymentsJob.DefaultCron);
        services.AddScheduledJob<ImportFolderJob>(ImportFolderJob.Name, ImportFolderJob.DefaultCron);
        services.Services.AddHttpClient(SandboxGateway.HttpClientName);
        services.Services.AddSingleton<SandboxGateway>();
        services.Services.AddSingleton<SandboxFormToken>();
        // The sandbox is the gateway only where it may run; a real adapter registered after AddPayments() replaces either.
        services.Services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Sandbox.Enabled == true
            ? sp.GetRequiredService<SandboxGateway>()
            : new UnavailableGateway());

        // The obsolete Modular:Payments:Sandbox:PublicBaseUrl is read as Modular:Links:Portal when that is not set.
        if (services.Configuration["Sandbox:PublicBaseUrl"] is { Length: > 0 } alias)
        {
            services.Services.PostConfigure<Core.Links.LinksOptions>(o => o.Portal = string.IsNullOrWhiteSpace(o.Portal) ? alias : o.Portal);
        }
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<GatewayNotificationApplier>().InstancePerLifetimeScope();
        builder.RegisterType<ReferenceMatcher>().InstancePerDependency();
        builder.RegisterType<ImportWriter>().InstancePerDependency();
        builder.RegisterType<PaymentEmailFormat>().InstancePerDependency();
    }
}
