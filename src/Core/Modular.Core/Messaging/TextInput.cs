using System.Collections.Concurrent;
using System.Reflection;
using Modular.Core.Results;

namespace Modular.Core.Messaging;

/// <summary>
/// Refuses requests whose texts carry characters no person types: control characters other than tab and line breaks
/// (a NUL truncates a value in one store and not another) and the non-characters U+FFFE/U+FFFF. Checked for every
/// request that answers a <see cref="Result"/>, on its own text properties and those of the records it holds, so pages,
/// the API and jobs get one refusal at the field (<see cref="CoreErrors.InvalidCharacters"/>).
/// </summary>
internal static class TextInput
{
    private static readonly ConcurrentDictionary<Type, Func<object, IEnumerable<(string Field, string Text)>>> Readers = new();

    public static List<Error> Check(object request)
    {
        var errors = new List<Error>();
        foreach (var (field, text) in Readers.GetOrAdd(request.GetType(), t => Reader(t, prefix: null, depth: 0))(request))
        {
            if (!IsAcceptable(text) && !errors.Exists(e => e.Field == field))
            {
                errors.Add(new Error(CoreErrors.InvalidCharacters, field, new Dictionary<string, object?> { ["field"] = field }));
            }
        }

        return errors;
    }

    public static bool IsAcceptable(string text)
    {
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }

    private static Func<object, IEnumerable<(string, string)>> Reader(Type type, string? prefix, int depth)
    {
        var parts = new List<Func<object, IEnumerable<(string, string)>>>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var field = prefix is null ? property.Name : prefix + "." + property.Name;
            var kind = property.PropertyType;
            if (kind == typeof(string))
            {
                parts.Add(o => property.GetValue(o) is string s ? [(field, s)] : []);
            }
            else if (typeof(IEnumerable<string>).IsAssignableFrom(kind))
            {
                parts.Add(o => property.GetValue(o) is IEnumerable<string> all ? all.Where(s => s is not null).Select(s => (field, s)) : []);
            }
            else if (depth < 2 && kind.IsClass && kind.Namespace?.StartsWith("Modular.", StringComparison.Ordinal) == true)
            {
                // Records a request holds (an address, a form's answers) are checked the same way.
                var nested = Reader(kind, field, depth + 1);
                parts.Add(o => property.GetValue(o) is { } value ? nested(value) : []);
            }
        }

        return o => parts.SelectMany(p => p(o));
    }
}
