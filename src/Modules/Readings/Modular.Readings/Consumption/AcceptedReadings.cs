using Microsoft.EntityFrameworkCore;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.Consumption;

/// <summary>Accepted readings of contracts, grouped by contract.</summary>
internal static class AcceptedReadings
{
    public static async Task<Dictionary<Guid, List<Reading>>> ByContractAsync(ReadingsDbContext db, IReadOnlyCollection<Guid> contractIds, CancellationToken cancellationToken)
    {
        var ids = contractIds.ToList();
        var accepted = ReadingStatus.Accepted;
        // One array parameter (json_each on SQLite, = ANY on PostgreSQL) rather than hundreds of single ones.
        var readings = await db.Readings.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.ContractId) && r.Status == accepted).ToListAsync(cancellationToken);
        return readings.GroupBy(r => r.ContractId).ToDictionary(g => g.Key, g => g.ToList());
    }
}
