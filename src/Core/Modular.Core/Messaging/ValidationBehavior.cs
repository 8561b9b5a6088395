using FluentValidation;
using MediatR;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>
/// Runs the request's FluentValidation validators before its handler. Violations become a failed result whose
/// codes come from <c>WithErrorCode</c> (stable, localizable); the handler never runs, so nothing is written. Texts with
/// characters no one types are refused before any validator (<see cref="TextInput"/>).
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators.ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (ResultFactory<TResponse>.Failure is { } refuse && TextInput.Check(request!) is { Count: > 0 } unreadable)
        {
            return refuse(unreadable);
        }

        if (_validators.Length == 0)
        {
            return await next();
        }

        var failures = new List<Error>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors.Select(ToError));
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        var factory = ResultFactory<TResponse>.Failure
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} has validators but does not answer a Result.");
        return factory(failures);
    }

    private static Error ToError(FluentValidation.Results.ValidationFailure failure)
    {
        // FluentValidation's built-in codes (e.g. NotEmptyValidator) are mapped to Core's generic codes.
        var code = failure.ErrorCode is { } c && c.Contains('.') ? c
            : failure.ErrorCode is "NotEmptyValidator" or "NotNullValidator" ? CoreErrors.Required
            : CoreErrors.Invalid;
        var arguments = new Dictionary<string, object?> { ["field"] = failure.PropertyName, ["value"] = failure.AttemptedValue };
        if (failure.FormattedMessagePlaceholderValues is { } values)
        {
            foreach (var (key, value) in values)
            {
                arguments.TryAdd(key, value);
            }
        }

        return new Error(code, failure.PropertyName, arguments);
    }
}
