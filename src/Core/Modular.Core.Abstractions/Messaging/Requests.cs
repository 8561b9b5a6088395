using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>A request that changes state; it runs in a unit of work and answers a <see cref="Result"/>.</summary>
public interface ICommand : IRequest<Result>;

/// <summary>A request that changes state and answers a value.</summary>
public interface ICommand<TValue> : IRequest<Result<TValue>>;

/// <summary>A request that only reads.</summary>
public interface IQuery<TValue> : IRequest<Result<TValue>>;

/// <summary>
/// Declares, on a command in a Contracts package, the other modules that send it. Queries cross modules freely; a command
/// changes its module's data, so each module that sends one is named here and the architecture tests refuse any other.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CrossModuleAttribute(params string[] modules) : Attribute
{
    /// <summary>The sending modules' names (e.g. <c>Payments</c>).</summary>
    public IReadOnlyList<string> Modules { get; } = modules;
}
