using Microsoft.EntityFrameworkCore;
using Modular.Requests.Contracts;
using Modular.Requests.Domain;

namespace Modular.Requests.ActQueries;

/// <summary>Acts as their views (readings loaded with them), newest first: registration date, then number.</summary>
internal static class ActProjection
{
    public static async Task<List<ActView>> ViewsAsync(IQueryable<Act> acts, int take, CancellationToken cancellationToken)
    {
        var rows = await acts.AsNoTracking().Include(a => a.Readings)
            .OrderByDescending(a => a.RegisteredOn).ThenByDescending(a => a.Number).Take(take)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public static ActView View(Act a) => new(a.Id, a.Number, a.ContractId, a.ContractNumber, a.CustomerId, a.ServiceAddress, a.Type, a.RegisteredOn,
        a.Inspector, a.Findings, a.Source, a.DocumentKey is not null,
        a.Readings.OrderBy(r => r.Serial, StringComparer.Ordinal).ThenBy(r => r.Date)
            .Select(r => new ActReadingView(r.Serial, r.Date, r.Index, r.State, r.RefusalCode)).ToList(),
        a.Version, a.CorrectedAt, a.CorrectionReason);
}
