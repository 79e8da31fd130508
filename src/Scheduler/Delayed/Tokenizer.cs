using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tessera;

/// <summary>
/// Deterministic keys for Delayed calls, like dask's tokenize: the same function applied to
/// the same arguments gives the same key, so shared work is computed once.
///
/// Hashed: the function's method (module, metadata token, generic arguments) and its target,
/// and each argument. Numbers, strings, enums, dates and arrays of them hash by value, so
/// keys are stable across processes. Other objects hash by their own GetHashCode (value-based
/// for records, identity for ordinary classes) and a closure target by identity: equal keys
/// then mean "the same object", never a false share between different data. Collections of
/// more than 100,000 elements also hash by identity: hashing them would cost more than the task.
/// </summary>
internal static class Tokenizer
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const int MaxHashedElements = 100_000;

    public static string Key(string kind, Delegate function, ReadOnlySpan<DelayedArg> args)
    {
        var hash = OffsetBasis;
        Mix(ref hash, function.Method);
        if (function.Target is { } target && !IsStatelessLambdaCache(target))
        {
            Mix(ref hash, RuntimeHelpers.GetHashCode(target));
        }
        foreach (var arg in args)
        {
            if (arg.Node is { } node)
            {
                Mix(ref hash, node.Key);
            }
            else
            {
                MixValue(ref hash, arg.Literal, depth: 0);
            }
        }
        return $"{kind}-{hash:x16}";
    }

    /// <summary>"kind-hash" from parts hashed by value as above (collections name their layers this way).</summary>
    public static string Name(string kind, ReadOnlySpan<object?> parts)
    {
        var hash = OffsetBasis;
        foreach (var part in parts)
        {
            MixValue(ref hash, part, depth: 0);
        }
        return $"{kind}-{hash:x16}";
    }

    public static string ValueKey(object? value)
    {
        var hash = OffsetBasis;
        MixValue(ref hash, value, depth: 0);
        return $"value-{hash:x16}";
    }

    /// <summary>Lambdas capturing nothing live on a compiler-generated singleton with no fields.</summary>
    private static bool IsStatelessLambdaCache(object target)
    {
        var type = target.GetType();
        return type.IsDefined(typeof(CompilerGeneratedAttribute))
            && type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length == 0;
    }

    private static void Mix(ref ulong hash, MethodInfo method)
    {
        Mix(ref hash, method.Module.ModuleVersionId.ToString());
        Mix(ref hash, method.MetadataToken);
        foreach (var t in method.IsGenericMethod ? method.GetGenericArguments() : [])
        {
            Mix(ref hash, t.AssemblyQualifiedName ?? t.Name);
        }
    }

    private static void MixValue(ref ulong hash, object? value, int depth)
    {
        Mix(ref hash, value?.GetType().FullName ?? "null");
        switch (value)
        {
            case null:
                return;
            case string s:
                Mix(ref hash, s);
                return;
            case Delayed d:
                Mix(ref hash, d.Key);
                return;
            case IConvertible c when value.GetType().IsPrimitive || value is decimal or DateTime || value.GetType().IsEnum:
                Mix(ref hash, Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                return;
            case ICollection { Count: > MaxHashedElements } large:
                // Hashing a huge buffer per call would cost more than the task; identity is safe.
                Mix(ref hash, RuntimeHelpers.GetHashCode(large));
                Mix(ref hash, large.Count);
                return;
            case IEnumerable items when depth < 4 && value is Array or ICollection:
                var count = 0;
                foreach (var item in items)
                {
                    MixValue(ref hash, item, depth + 1);
                    count++;
                }
                Mix(ref hash, count);
                return;
            default:
                Mix(ref hash, value.GetHashCode());
                return;
        }
    }

    private static void Mix(ref ulong hash, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }
        hash = (hash ^ 0xFF) * Prime; // terminator: "ab","c" differs from "a","bc"
    }

    private static void Mix(ref ulong hash, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * Prime;
        }
    }
}
