using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>A request that changes state; it runs in a unit of work and answers a <see cref="Result"/>.</summary>
public interface ICommand : IRequest<Result>;

/// <summary>A request that changes state and answers a value.</summary>
public interface ICommand<TValue> : IRequest<Result<TValue>>;

/// <summary>A request that only reads.</summary>
public interface IQuery<TValue> : IRequest<Result<TValue>>;
