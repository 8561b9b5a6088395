using Autofac;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Core.Access;
using Modular.Kiosks.Contracts;
using Modular.Kiosks.Device.Journal;

namespace Modular.Kiosks.Device;

/// <summary>
/// This kiosk: who it is (its device key <c>Modular:Kiosk:DeviceKey</c>, authenticated against the central database) and
/// whether it may take payments now. <see cref="CanTakePayment"/> is false while the identity is unknown (no key, a wrong
/// or retired key) or the central database is unreachable; money already taken stays in the journal until it is posted.
/// <see cref="RefreshAsync"/> runs at start and with every pass of the poster (it also sends the kiosk's heartbeat).
/// </summary>
public sealed class KioskDevice(ILifetimeScope root, IKioskJournal journal, IOptions<KioskDeviceOptions> options, ILogger<KioskDevice> logger)
{
    private volatile State _state = new(null, false, "kiosks.not_started");

    /// <summary>Who this kiosk is, once its key was accepted.</summary>
    public KioskIdentity? Identity => _state.Identity;

    /// <summary>Whether the kiosk may offer payment now: known identity, central database reachable.</summary>
    public bool CanTakePayment => _state is { Identity: not null, Reachable: true };

    /// <summary>Why the kiosk cannot take payments (an error code such as <c>kiosks.key_invalid</c>, or the database's failure), else null.</summary>
    public string? Problem => _state.Problem;

    /// <summary>The device's terminal name on payments and printers: <c>{centre}-{code}</c>.</summary>
    public string? PrinterDevice => Identity is { } id ? $"{id.Centre}-{id.Code}" : null;

    /// <summary>Authenticates the device key (again) and reports the kiosk's status; answers <see cref="CanTakePayment"/>.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.DeviceKey))
        {
            _state = new State(null, false, "kiosks.key_missing");
            return false;
        }

        try
        {
            var identity = await root.SendAsAsync(Caller.System, new AuthenticateKiosk(options.Value.DeviceKey.Trim()), cancellationToken);
            if (identity.IsFailure)
            {
                _state = new State(null, true, identity.Error.Code);
                logger.LogWarning("The kiosk's device key was refused: {Code}", identity.Error.Code);
                return false;
            }

            var pending = (await journal.PendingAsync(cancellationToken)).Count;
            var status = await root.SendAsAsync(Caller.System, new ReportKioskStatus(identity.Value.KioskId, pending, typeof(KioskDevice).Assembly.GetName().Version?.ToString()),
                cancellationToken);
            _state = new State(identity.Value, true, status.IsFailure ? status.Error.Code : null);
            return CanTakePayment;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The central database (or the network to it) is down: keep the identity we knew, stop taking payments.
            _state = new State(_state.Identity, false, e.GetType().Name + ": " + e.Message);
            logger.LogWarning(e, "The kiosk cannot reach the central database");
            return false;
        }
    }

    /// <summary>Marks the central database unreachable (a post failed): payments stop until the next successful refresh.</summary>
    public void Unreachable(string problem) => _state = new State(_state.Identity, false, problem);

    private sealed record State(KioskIdentity? Identity, bool Reachable, string? Problem);
}
