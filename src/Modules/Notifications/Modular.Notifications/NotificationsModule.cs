using Autofac;
using Microsoft.Extensions.Options;
using Modular.Core.Composition;
using Modular.Core.Links;
using Modular.Notifications.Contracts;
using Modular.Notifications.Dispatch;
using Modular.Notifications.Persistence;

namespace Modular.Notifications;

/// <summary>
/// Notifications to portal users by type and channel: preferences, quiet hours, one message per user, type, subject and
/// channel, reminders, unsubscribe, SMS delivery reports and the notification centre.
/// </summary>
public sealed class NotificationsModule : ModularModule
{
    public override string Name => "Notifications";

    /// <summary>Recipients, addresses and the subjects of messages come from these modules' queries.</summary>
    public override IReadOnlyCollection<string> DependsOn => ["Accounts"];

    public override void ConfigureServices(ModuleServices services)
    {
        services.AddOptions<NotificationsOptions>();
        services.AddDbContext<NotificationsDbContext>();
        services.AddStaffPermissions(typeof(NotificationsPermissions));
        services.AddResources();
        services.AddLinkRoute(NotificationDispatcher.UnsubscribeRoute, PublicSurface.Portal, "/notifications/unsubscribe");
        services.AddLinkRoute(NotificationDispatcher.CentreRoute, PublicSurface.Portal, "/notifications");
        services.AddPersonalDataSection<PersonalData.NotificationsPersonalDataSection>();
        services.AddScheduledJob<DispatchJob>(DispatchJob.Name, DispatchJob.DefaultCron);
        services.AddScheduledJob<Reminders.RemindersJob>(Reminders.RemindersJob.Name, Reminders.RemindersJob.DefaultCron);
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<NotificationQueue>().As<INotificationQueue>().InstancePerLifetimeScope();
        builder.RegisterType<NotificationDispatcher>().InstancePerLifetimeScope();
        builder.RegisterType<Unsubscribe.UnsubscribeLinks>().InstancePerLifetimeScope();
        builder.RegisterType<Sms.SimulatedSmsGateway>().InstancePerLifetimeScope();
        // The simulator unless the utility plugs in its provider's adapter (Modular:Notifications:SmsGateway = Custom).
        builder.Register<Sms.ISmsGateway>(c => c.Resolve<IOptions<NotificationsOptions>>().Value.SmsGateway == SmsGatewayKind.Simulator
                ? c.Resolve<Sms.SimulatedSmsGateway>()
                : throw new InvalidOperationException("Modular:Notifications:SmsGateway is Custom but no ISmsGateway is registered in the host."))
            .InstancePerLifetimeScope()
            .PreserveExistingDefaults();

        // Outages: matching an area to the premises, and the notices of each step.
        builder.RegisterType<Outages.OutageMatcher>().InstancePerDependency();
        builder.RegisterType<Outages.OutageNotifier>().InstancePerDependency();
    }
}
