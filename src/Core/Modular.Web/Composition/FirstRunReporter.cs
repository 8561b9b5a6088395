using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Modular.Core.Email;

namespace Modular.Web.Composition;

/// <summary>Tells whoever started the portal where it listens, where emails go and how to log in to the demo.</summary>
internal sealed class FirstRunReporter(IHostApplicationLifetime lifetime, IServer server, IOptions<EmailOptions> email,
    IHostEnvironment environment, DemoCredentials demo, ILogger<FirstRunReporter> logger) : IHostedService
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

            foreach (var line in demo.Describe())
            {
                logger.LogWarning("{DemoLogin}", line);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The demo logins the first run created (none until the modules' demo data is loaded).</summary>
internal sealed class DemoCredentials
{
    private readonly List<(string Email, string Password)> _logins = [];

    public void Add(string email, string password)
    {
        lock (_logins)
        {
            _logins.Add((email, password));
        }
    }

    public IEnumerable<string> Describe()
    {
        lock (_logins)
        {
            return _logins.Select(l => $"Demo login: {l.Email} / {l.Password}").ToList();
        }
    }
}
