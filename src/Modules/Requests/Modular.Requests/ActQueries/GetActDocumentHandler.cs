using MediatR;
using Microsoft.EntityFrameworkCore;
using Modular.Core.Access;
using Modular.Core.Results;
using Modular.Requests.Acts;
using Modular.Requests.Contracts;
using Modular.Requests.Files;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActQueries;

/// <summary>An act's signed PDF; another customer's act, or one without a document, answers <c>acts.act_not_found</c>.</summary>
internal sealed class GetActDocumentHandler(RequestsDbContext db, IRequestFileStore files, IAccessScope access)
    : IRequestHandler<GetActDocument, Result<ActDocument>>
{
    public async Task<Result<ActDocument>> Handle(GetActDocument request, CancellationToken cancellationToken)
    {
        var act = await db.Acts.AsNoTracking().Where(a => a.Id == request.ActId)
            .Select(a => new { a.ContractId, a.DocumentKey, a.DocumentName }).SingleOrDefaultAsync(cancellationToken);
        if (act?.DocumentKey is null || !(await access.GetAsync(cancellationToken)).CanSeeContract(act.ContractId))
        {
            return Error.Of(RequestsErrors.ActNotFound, nameof(GetActDocument.ActId));
        }

        var content = await files.ReadAsync(act.DocumentKey, cancellationToken);
        return content is null
            ? Error.Of(RequestsErrors.ActNotFound, nameof(GetActDocument.ActId))
            : new ActDocument(act.DocumentName ?? "act.pdf", ActDocumentCheck.ContentType, content);
    }
}
