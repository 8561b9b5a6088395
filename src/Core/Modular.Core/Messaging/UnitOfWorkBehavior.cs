using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>Saves a command's changes (and the outbox messages it published) when it succeeds; the outermost command commits.</summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(ICommand).IsAssignableFrom(typeof(TRequest))
        || typeof(TRequest).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return await next();
        }

        var outermost = unitOfWork.Depth == 0;
        unitOfWork.Depth++;
        try
        {
            var response = await next();
            var failed = response is Result { IsFailure: true };
            if (outermost)
            {
                if (failed)
                {
                    await unitOfWork.DiscardAsync();
                }
                else
                {
                    await unitOfWork.CommitAsync(cancellationToken);
                }
            }
            else if (!failed)
            {
                await unitOfWork.SaveNestedAsync(cancellationToken);
            }

            return response;
        }
        catch when (outermost)
        {
            await unitOfWork.DiscardAsync();
            throw;
        }
        finally
        {
            unitOfWork.Depth--;
        }
    }
}
