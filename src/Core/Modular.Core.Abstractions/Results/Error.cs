namespace Modular.Core.Results;

/// <summary>
/// A broken business rule or invalid input. <see cref="Code"/> is stable (<c>module.rule_name</c>) and is
/// the key of the localized message; <see cref="Arguments"/> fill the message's placeholders.
/// </summary>
public sealed record Error
{
    public Error(string code, string? field = null, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Field = field;
        Arguments = arguments ?? EmptyArguments;
    }

    private static readonly IReadOnlyDictionary<string, object?> EmptyArguments = new Dictionary<string, object?>();

    public string Code { get; }

    /// <summary>The input field the error belongs to, if any (for forms and problem details).</summary>
    public string? Field { get; }

    public IReadOnlyDictionary<string, object?> Arguments { get; }

    public static Error Of(string code, string? field = null, params (string Name, object? Value)[] arguments) =>
        new(code, field, arguments.Length == 0 ? null : arguments.ToDictionary(a => a.Name, a => a.Value));

    public override string ToString() => Field is null ? Code : $"{Code} ({Field})";
}
