using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Modular.Core.Results;

namespace Modular.Accounts.Security;

/// <summary>
/// ASVS 5.0 password rules: a configurable minimum length, long passwords accepted and never truncated, any Unicode,
/// no composition rules, and a list of the most common passwords refused.
/// </summary>
internal sealed class PasswordPolicy
{
    private readonly AccountsOptions _options;
    private readonly FrozenSet<string> _common;

    public PasswordPolicy(IOptions<AccountsOptions> options)
    {
        _options = options.Value;
        var words = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("common-passwords.txt")!)
        {
            Read(new StreamReader(stream), words);
        }

        if (_options.CommonPasswordsFile is { } file)
        {
            using var reader = new StreamReader(file);
            Read(reader, words);
        }

        _common = words.ToFrozenSet(StringComparer.Ordinal);
    }

    public int CommonCount => _common.Count;

    /// <summary>The rule violations of a new password (empty when it is acceptable).</summary>
    public IReadOnlyList<Error> Check(string? password, string? confirmation, string field, string? email = null)
    {
        var errors = new List<Error>();
        password ??= string.Empty;
        var length = new StringInfo(password.Normalize(NormalizationForm.FormKC)).LengthInTextElements;
        if (length < _options.MinPasswordLength)
        {
            errors.Add(Error.Of(AccountsErrors.PasswordTooShort, field, ("min", _options.MinPasswordLength)));
        }
        else if (length > _options.MaxPasswordLength)
        {
            errors.Add(Error.Of(AccountsErrors.PasswordTooLong, field, ("max", _options.MaxPasswordLength)));
        }
        else if (IsCommon(password) || (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new Error(AccountsErrors.PasswordTooCommon, field));
        }

        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            errors.Add(new Error(AccountsErrors.PasswordsDoNotMatch, field + "Confirmation"));
        }

        return errors;
    }

    public bool IsCommon(string password) => _common.Contains(Key(password));

    private static string Key(string word) => word.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    private static void Read(TextReader reader, HashSet<string> words)
    {
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(Key(line));
            }
        }
    }
}
