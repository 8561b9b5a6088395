using System.Reflection;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>Builds a failed <typeparamref name="TResponse"/> (a <see cref="Result"/> or <see cref="Result{T}"/>) from errors.</summary>
internal static class ResultFactory<TResponse>
{
    /// <summary>Null when <typeparamref name="TResponse"/> is not a result type.</summary>
    public static readonly Func<IReadOnlyList<Error>, TResponse>? Failure = Create();

    private static Func<IReadOnlyList<Error>, TResponse>? Create()
    {
        var type = typeof(TResponse);
        if (type == typeof(Result))
        {
            return errors => (TResponse)(object)Result.Failure(errors);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>))
        {
            var method = type.GetMethod(nameof(Result.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(IReadOnlyList<Error>)])!;
            return method.CreateDelegate<Func<IReadOnlyList<Error>, TResponse>>();
        }

        return null;
    }
}
