using MediatR;
using Modular.Core.Results;

namespace Modular.Architecture.Tests.BadSample;

/// <summary>Public, misnamed and at the module root.</summary>
public sealed class RootHandler : IRequestHandler<SampleQuery, Result<int>>
{
    public Task<Result<int>> Handle(SampleQuery request, CancellationToken cancellationToken) => Task.FromResult<Result<int>>(1);
}
