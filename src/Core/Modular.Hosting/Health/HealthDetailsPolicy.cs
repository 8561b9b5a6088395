using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Modular.Hosting.Health;

/// <summary>
/// Decides who sees per-check health details (names, descriptions, data such as dead-letter counts or job outcomes);
/// everyone else gets the status only. Register your own (e.g. staff with a role) to replace the token policy.
/// </summary>
public interface IHealthDetailsPolicy
{
    ValueTask<bool> MayShowDetailsAsync(HttpContext context);
}

/// <summary>Details for a request carrying <see cref="HealthOptions.DetailsToken"/> in <see cref="HealthOptions.DetailsHeader"/>; none when no token is set.</summary>
internal sealed class HealthTokenPolicy(IOptionsMonitor<HealthOptions> options) : IHealthDetailsPolicy
{
    public ValueTask<bool> MayShowDetailsAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.DetailsToken) || !context.Request.Headers.TryGetValue(settings.DetailsHeader, out var given))
        {
            return ValueTask.FromResult(false);
        }

        // Hashes have equal length, so the comparison takes the same time whatever was sent.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.DetailsToken));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(given.ToString()));
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(expected, actual));
    }
}
