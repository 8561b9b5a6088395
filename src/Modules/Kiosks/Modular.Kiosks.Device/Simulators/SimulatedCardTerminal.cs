using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Modular.Kiosks.Device.Ports;

namespace Modular.Kiosks.Device.Simulators;

/// <summary>
/// A card terminal for development and tests: approves every amount but those in <c>Modular:Kiosk:DeclineAmounts</c>, with a
/// made-up authorization code and card ending 4242; answers the first outcome again for the same entry.
/// </summary>
public sealed class SimulatedCardTerminal(IOptions<KioskDeviceOptions> options) : ICardTerminal
{
    private readonly ConcurrentDictionary<Guid, CardResult> _outcomes = new();

    public Task<CardResult> AuthorizeAsync(CardRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && !_outcomes.ContainsKey(request.EntryId))
        {
            return Task.FromResult(CardResult.Cancelled);
        }

        var result = _outcomes.GetOrAdd(request.EntryId, _ => options.Value.DeclineAmounts.Contains(request.Amount)
            ? CardResult.Declined("Declined by the simulator")
            : CardResult.Approved("SIM" + request.EntryId.ToString("N")[..6].ToUpperInvariant(), "4242"));
        return Task.FromResult(result);
    }
}
