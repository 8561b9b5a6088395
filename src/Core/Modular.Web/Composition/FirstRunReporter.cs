using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Modular.Core.Demo;
using Modular.Core.Email;

namespace Modular.Web.Composition;

/// <summary>Tells whoever started the portal where it listens, where emails go and how to log in to the demo.</summary>
internal sealed class FirstRunReporter(IHostApplicationLifetime lifetime, IServer server, IOptions<EmailOptions> email,
    IHostEnvironment environment, DemoDataReport demo, ILogger<FirstRunReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            logger.LogWarning("Modular portal listening on {Urls}", string.Join(", ", addresses));
            if (email.Value.Delivery == EmailDelivery.Pickup)
            {
                logger.LogWarning("Emails are written to the pickup folder {Folder}",
                    Path.GetFullPath(email.Value.PickupDirectory, environment.ContentRootPath));
            }

            foreach (var line in demo.Lines)
            {
                logger.LogWarning("{DemoData}", line);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
