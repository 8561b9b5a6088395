using Modular.Core.Composition;

namespace Modular.Notifications;

public static class NotificationsModularBuilderExtensions
{
    /// <summary>Adds the Notifications module; options come from <c>Modular:Notifications</c>.</summary>
    public static ModularBuilder AddNotifications(this ModularBuilder builder) => builder.AddModule(new NotificationsModule());
}
