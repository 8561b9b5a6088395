using System.Collections.Concurrent;
using System.Reflection;
using Autofac;
using Autofac.Core;
using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>
/// Runs a command in the scope's unit of work: the outermost command commits its writes (and the outbox messages and audit
/// row that go with them) when it succeeds, rolls them back when it fails or throws. A refused command leaves nothing.
/// </summary>
internal sealed class UnitOfWorkBehavior<TRequest, TResponse>(UnitOfWork unitOfWork, ILifetimeScope scope) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = RequestKinds.IsCommand(typeof(TRequest));
    private static readonly ConcurrentDictionary<Type, bool> OwnTransactionsByRequest = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!IsCommand)
        {
            return await next();
        }

        var outermost = unitOfWork.Depth == 0;
        if (outermost)
        {
            unitOfWork.OwnTransactions = OwnTransactionsByRequest.GetOrAdd(typeof(TRequest), _ => HandlerOwnsTransactions());
        }

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
            if (outermost)
            {
                unitOfWork.OwnTransactions = false;
            }
        }
    }

    private bool HandlerOwnsTransactions()
    {
        var service = new TypedService(typeof(IRequestHandler<,>).MakeGenericType(typeof(TRequest), typeof(TResponse)));
        return scope.ComponentRegistry.TryGetServiceRegistration(service, out var registration)
            && registration.Registration.Activator.LimitType.GetCustomAttribute<OwnTransactionsAttribute>() is not null;
    }
}

internal static class RequestKinds
{
    public static bool IsCommand(Type request) => typeof(ICommand).IsAssignableFrom(request)
        || request.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
}
