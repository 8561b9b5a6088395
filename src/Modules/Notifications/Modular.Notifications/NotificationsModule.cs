using Autofac;
using Modular.Core.Composition;
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
    }

    protected override void Register(ContainerBuilder builder)
    {
        builder.RegisterType<NotificationQueue>().As<INotificationQueue>().InstancePerLifetimeScope();

        // Outages: matching an area to the premises, and the notices of each step.
        builder.RegisterType<Outages.OutageMatcher>().InstancePerDependency();
        builder.RegisterType<Outages.OutageNotifier>().InstancePerDependency();
    }
}
