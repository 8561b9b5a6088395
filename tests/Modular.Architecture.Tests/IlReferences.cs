using System.Reflection;
using System.Reflection.Emit;

namespace Modular.Architecture.Tests;

/// <summary>
/// What a type's code touches, read from its IL with reflection: the types named by its signatures, base types,
/// attributes and every member its method bodies call or construct (including lambdas and async state machines, which the
/// compiler nests inside it).
/// </summary>
internal static class IlReferences
{
    private const BindingFlags All = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every type a type refers to (signatures, attributes, method bodies), with its nested types.</summary>
    public static IEnumerable<Type> TypesUsedBy(Type type)
    {
        foreach (var t in WithNested(type))
        {
            foreach (var used in Signature(t))
            {
                yield return used;
            }

            foreach (var method in Bodies(t))
            {
                foreach (var member in MembersIn(method))
                {
                    foreach (var used in Expand(member as Type ?? member.DeclaringType))
                    {
                        yield return used;
                    }

                    if (member is MethodInfo m)
                    {
                        foreach (var used in Expand(m.ReturnType).Concat(m.GetGenericArguments().SelectMany(Expand)))
                        {
                            yield return used;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The types whose constructors the type's method bodies call (<c>new T(...)</c>), with its nested types.</summary>
    public static IEnumerable<Type> TypesConstructedBy(Type type) =>
        WithNested(type).SelectMany(Bodies).SelectMany(MembersIn).OfType<ConstructorInfo>().Select(c => c.DeclaringType!);

    private static IEnumerable<Type> WithNested(Type type) => new[] { type }.Concat(type.GetNestedTypes(All).SelectMany(WithNested));

    private static IEnumerable<MethodBase> Bodies(Type type) =>
        type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)).Where(m => m.GetMethodBody() is not null);

    private static IEnumerable<Type> Signature(Type type)
    {
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(All).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(All).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }

            direct.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
        }

        direct.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        return direct.SelectMany(Expand);
    }

    /// <summary>A type with its generic arguments and element types (List&lt;DbSet&lt;T&gt;&gt; names DbSet too).</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var element in Expand(type.GetElementType()))
            {
                yield return element;
            }

            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    /// <summary>The members and types named by tokens in a method body.</summary>
    private static IEnumerable<MemberInfo> MembersIn(MethodBase method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var result = new List<MemberInfo>();
        for (var i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            var code = OpCodesByValue[value];
            i += code.Size;
            var operand = OperandSize(code, il, i);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineField)
            {
                var token = BitConverter.ToInt32(il, i);
                try
                {
                    var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    if (member is not null)
                    {
                        result.Add(member);
                    }
                }
                catch (ArgumentException)
                {
                    // A token of a generic context reflection cannot rebuild: not a reference to another assembly's API.
                }
            }

            i += operand;
        }

        return result;
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
