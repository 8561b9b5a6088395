using Microsoft.AspNetCore.Http;
namespace Modular.Kiosks.Web.Kiosk;

/// <summary>What a kiosk shows of a customer to whoever stands at it: initials and the locality, nothing more.</summary>
public static class KioskMasking
{
    /// <summary>"Popescu Ion" → "P. I." (at most three words; letters only).</summary>
    public static string Initials(string? name) =>
        string.Join(' ', (name ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.FirstOrDefault(char.IsLetter))
            .Where(c => c != default)
            .Take(3)
            .Select(c => char.ToUpperInvariant(c) + "."));

    /// <summary>The locality of an address written "street nr. 1, bl. 2, town": its last part.</summary>
    public static string? Locality(string? address)
    {
        var last = (address ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return string.IsNullOrEmpty(last) || last.Any(char.IsDigit) ? null : last;
    }
}
