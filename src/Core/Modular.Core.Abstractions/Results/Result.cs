namespace Modular.Core.Results;

/// <summary>The outcome of a command or query: success, or one or more <see cref="Error"/>s.</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors, IReadOnlyList<Error>? warnings = null)
    {
        Errors = errors;
        Warnings = warnings ?? [];
    }

    public IReadOnlyList<Error> Errors { get; }

    /// <summary>Advice that did not stop the operation or that the caller must confirm (same code scheme as errors).</summary>
    public IReadOnlyList<Error> Warnings { get; }

    public bool IsSuccess => Errors.Count == 0;

    public bool IsFailure => !IsSuccess;

    /// <summary>The first error; only meaningful when <see cref="IsFailure"/>.</summary>
    public Error Error => Errors.Count > 0 ? Errors[0] : throw new InvalidOperationException("A successful result has no error.");

    public bool HasError(string code) => Errors.Any(e => e.Code == code);

    public static Result Success() => SuccessInstance;

    public static Result<T> Success<T>(T value, IReadOnlyList<Error>? warnings = null) => new(value, [], warnings);

    public static Result Failure(Error error) => new([error]);

    public static Result Failure(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new Result(errors);

    public static Result Failure(string code, string? field = null) => Failure(new Error(code, field));

    private static readonly Result SuccessInstance = new([]);

    public override string ToString() => IsSuccess ? "Success" : "Failure: " + string.Join(", ", Errors);
}

/// <summary>A <see cref="Result"/> that carries a value when successful.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    internal Result(T? value, IReadOnlyList<Error> errors, IReadOnlyList<Error>? warnings = null)
        : base(errors, warnings) => _value = value;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"The result failed ({string.Join(", ", Errors)}); it has no value.");

    public static new Result<T> Failure(Error error) => new(default, [error]);

    public static new Result<T> Failure(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static new Result<T> Failure(string code, string? field = null) => Failure(new Error(code, field));

    public static implicit operator Result<T>(T value) => new(value, []);

    public static implicit operator Result<T>(Error error) => Failure(error);

    /// <summary>Carries another result's errors over to this type.</summary>
    public static Result<T> From(Result failed) =>
        failed.IsSuccess ? throw new ArgumentException("Only a failure can be converted.", nameof(failed)) : new(default, failed.Errors);
}
