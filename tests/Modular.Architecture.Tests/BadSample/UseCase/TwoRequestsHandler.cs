using MediatR;
using Modular.Billing.Contracts;
using Modular.Core.Results;
using NodaTime;

namespace Modular.Architecture.Tests.BadSample.UseCase;

/// <summary>Handles two requests, and sends a command of another module (Billing) that does not declare this one.</summary>
internal sealed class TwoRequestsHandler(IMediator mediator) : IRequestHandler<SampleCommand, Result>, IRequestHandler<OtherCommand, Result>
{
    public Task<Result> Handle(SampleCommand request, CancellationToken cancellationToken) => Task.FromResult(Result.Success());

    public async Task<Result> Handle(OtherCommand request, CancellationToken cancellationToken)
    {
        await mediator.Send(new RunBilling(new YearMonth(2026, 1)), cancellationToken);
        return Result.Success();
    }
}
