using FluentValidation;
using MediatR;
using Modular.Core.Results;
using Modular.Requests.Contracts;
using Modular.Requests.Persistence;

namespace Modular.Requests.ActQueries;

internal sealed class ListActsValidator : AbstractValidator<ListActs>
{
    public ListActsValidator() => RuleFor(q => q.Take).InclusiveBetween(1, 500).WithErrorCode(RequestsErrors.ActsTakeInvalid);
}

/// <summary>The back office's acts: newest first, by contract number, act number (both exact, trimmed) or customer.</summary>
internal sealed class ListActsHandler(RequestsDbContext db) : IRequestHandler<ListActs, Result<IReadOnlyList<ActView>>>
{
    public async Task<Result<IReadOnlyList<ActView>>> Handle(ListActs request, CancellationToken cancellationToken)
    {
        var acts = db.Acts.AsQueryable();
        if (!string.IsNullOrWhiteSpace(request.ContractNumber))
        {
            var contract = request.ContractNumber.Trim();
            acts = acts.Where(a => a.ContractNumber == contract);
        }

        if (!string.IsNullOrWhiteSpace(request.Number))
        {
            var number = request.Number.Trim();
            acts = acts.Where(a => a.Number == number);
        }

        if (request.CustomerId is { } customer)
        {
            acts = acts.Where(a => a.CustomerId == customer);
        }

        return await ActProjection.ViewsAsync(acts, request.Take, cancellationToken);
    }
}
