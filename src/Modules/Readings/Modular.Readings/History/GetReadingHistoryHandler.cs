using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Readings.Contracts;
using Modular.Readings.Domain;
using Modular.Readings.Persistence;

namespace Modular.Readings.History;

/// <summary>Readings of a meter or a contract, newest first, all statuses (history is kept), for the caller's contracts only.</summary>
internal sealed class GetReadingHistoryHandler(ReadingsDbContext db, IAccessScope access) : IRequestHandler<GetReadingHistory, Result<IReadOnlyList<ReadingView>>>
{
    public async Task<Result<IReadOnlyList<ReadingView>>> Handle(GetReadingHistory request, CancellationToken cancellationToken)
    {
        var result = await ReadingHistoryReader.LoadAsync(db, access, request.MeterId, request.ContractId, request.From, request.To, request.Status, cancellationToken);
        return result;
    }
}
