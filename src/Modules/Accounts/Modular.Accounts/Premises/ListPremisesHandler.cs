using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Accounts.Contracts;
using Modular.Accounts.Persistence;
using Modular.Core.Access;
using Modular.Core.Results;

namespace Modular.Accounts.Premises;

/// <summary>Pages of premises with their address parts and coordinates, within the caller's scope.</summary>
internal sealed class ListPremisesHandler(AccountsDbContext db, IAccessScope access) : IRequestHandler<ListPremises, Result<IReadOnlyList<PremisesView>>>
{
    public const int MaxPageSize = 5_000;

    public async Task<Result<IReadOnlyList<PremisesView>>> Handle(ListPremises request, CancellationToken cancellationToken)
    {
        if (request.PageSize is < 1 or > MaxPageSize)
        {
            return Result<IReadOnlyList<PremisesView>>.Failure(Error.Of(CoreErrors.Invalid, nameof(request.PageSize),
                ("field", nameof(request.PageSize)), ("value", request.PageSize)));
        }

        var scope = await access.GetAsync(cancellationToken);
        var query = db.Contracts.AsNoTracking();
        if (!scope.All)
        {
            var visible = scope.ContractIds.ToList();
            query = query.Where(c => visible.Contains(c.Id));
        }

        if (request.AfterContractId is { } after)
        {
            query = query.Where(c => c.Id.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(request.PageSize)
            .Select(c => new { c.Id, c.ContractNumber, c.CustomerId, c.ServiceAddress, c.Latitude, c.Longitude, c.Services, c.EndDate })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var parts = ServiceAddressParts.Parse(r.ServiceAddress);
            return new PremisesView(r.Id, r.ContractNumber, r.CustomerId, r.ServiceAddress, parts.Locality, parts.Street, parts.HouseNumber,
                r.Latitude, r.Longitude, r.Services, r.EndDate);
        }).ToList();
    }
}

/// <summary>
/// Reads a service address's parts: locality = the last comma-separated part (when there are two or more); the first part
/// is the street and the house number – after "nr." / "nr", else its last word when it starts with a digit.
/// Block, staircase and flat ("bl.", "sc.", "ap.") are left out.
/// </summary>
internal static class ServiceAddressParts
{
    public static (string? Locality, string? Street, string? HouseNumber) Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return (null, null, null);
        }

        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return (null, null, null);
        }

        var locality = parts.Length > 1 ? parts[^1] : null;
        var first = parts[0];
        var marker = IndexOfNumberMarker(first);
        if (marker >= 0)
        {
            var street = first[..marker].Trim();
            var number = first[marker..].TrimStart('N', 'n', 'R', 'r', '.', ' ').Trim();
            return (locality, street.Length == 0 ? null : street, number.Length == 0 ? null : number);
        }

        var space = first.LastIndexOf(' ');
        if (space > 0 && char.IsAsciiDigit(first[space + 1]))
        {
            return (locality, first[..space].Trim(), first[(space + 1)..].Trim());
        }

        return (locality, first, null);
    }

    /// <summary>Where " nr." or " nr " begins (case-insensitive), or -1.</summary>
    private static int IndexOfNumberMarker(string text)
    {
        for (var i = 0; i + 3 <= text.Length; i++)
        {
            if ((i == 0 || text[i - 1] == ' ') && string.Compare(text, i, "nr", 0, 2, StringComparison.OrdinalIgnoreCase) == 0
                && i + 2 < text.Length && (text[i + 2] == '.' || text[i + 2] == ' '))
            {
                return i;
            }
        }

        return -1;
    }
}
