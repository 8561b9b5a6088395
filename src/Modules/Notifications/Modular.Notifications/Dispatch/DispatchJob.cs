using Modular.Core.Results;
using Modular.Core.Schedules;

namespace Modular.Notifications.Dispatch;

/// <summary>Every minute: sends the messages whose time has come (batches until none is left or a pass sends nothing).</summary>
internal sealed class DispatchJob(NotificationDispatcher dispatcher) : IScheduledJob
{
    public const string Name = "NotificationsDispatch";

    public const string DefaultCron = "* * * * *";

    public async Task<Result<string>> RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var pass = 0; pass < 50; pass++)
        {
            var sent = await dispatcher.RunOnceAsync(cancellationToken);
            total += sent;
            if (sent == 0)
            {
                break;
            }
        }

        return $"{total} notification(s) sent.";
    }
}
