using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Distributed.Serialization;

/// <summary>
/// What may travel to a worker. The codec copies objects field by field, which is right for data
/// and closures but wrong for anything bound to this process: an operating-system handle, a
/// thread, a stream, a connection. Those are refused by type with a reason the user can act on,
/// rather than arriving on the worker as a dead copy.
/// </summary>
internal static class TypeRules
{
    private static readonly ConcurrentDictionary<Type, string?> Reasons = new();
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> Fields = new();
    private static readonly ConcurrentDictionary<Type, bool> Blittable = new();

    /// <summary>Why values of <paramref name="type"/> cannot be sent, or null when they can.</summary>
    public static string? WhyNotSendable(Type type) => Reasons.GetOrAdd(type, Reason);

    /// <summary>Whether <paramref name="type"/> is marked <see cref="Tessera.Scheduling.GraphOnlyAttribute"/> (sent as null).</summary>
    public static bool IsGraphOnly(Type type) => GraphOnly.GetOrAdd(type, static t => t.IsDefined(typeof(Tessera.Scheduling.GraphOnlyAttribute), inherit: false));

    private static readonly ConcurrentDictionary<Type, bool> GraphOnly = new();

    private static string? Reason(Type type)
    {
        if (type.IsPointer || type.IsByRef || type.IsByRefLike)
        {
            return "it is a pointer or a ref struct, which points into this process's memory";
        }
        if (typeof(SafeHandle).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type))
        {
            return "it holds an operating-system handle";
        }
        if (typeof(Stream).IsAssignableFrom(type) || typeof(TextReader).IsAssignableFrom(type) || typeof(TextWriter).IsAssignableFrom(type))
        {
            return "it is an open stream of this process; send a path and open it inside the function";
        }
        if (typeof(Thread).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type) || typeof(CancellationTokenSource).IsAssignableFrom(type))
        {
            return "it is a thread, task or cancellation source of this process";
        }
        if (typeof(Client).IsAssignableFrom(type) || typeof(IFuture).IsAssignableFrom(type))
        {
            return "futures and clients only exist in the client's process; pass a future as an argument of Submit so the worker fetches its data";
        }
        if (typeof(Assembly).IsAssignableFrom(type) || typeof(Module).IsAssignableFrom(type) ||
            (typeof(MemberInfo).IsAssignableFrom(type) && !typeof(Type).IsAssignableFrom(type)))
        {
            return "reflection objects are bound to this process's loaded assemblies";
        }
        var name = type.FullName ?? type.Name;
        if (name.StartsWith("System.Net.Sockets.", StringComparison.Ordinal) || name == "System.Diagnostics.Process" ||
            name.StartsWith("Orleans.", StringComparison.Ordinal))
        {
            return "it is bound to this process (a socket, a process or a cluster connection)";
        }
        return null;
    }

    /// <summary>Every instance field of <paramref name="type"/> and its base types, in a fixed order.</summary>
    public static FieldInfo[] InstanceFields(Type type) => Fields.GetOrAdd(type, static t =>
    {
        var fields = new List<FieldInfo>();
        for (var current = t; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                fields.Add(field);
            }
        }
        return [.. fields];
    });

    /// <summary>True for value types holding no references: their arrays copy as raw bytes.</summary>
    public static bool IsBlittable(Type type) => Blittable.GetOrAdd(type, static t =>
        t.IsValueType && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(t).Invoke(null, null)!);

    /// <summary>True for the hashed collections that must be rebuilt on arrival (string hash codes differ per process).</summary>
    public static bool IsHashCollection(Type type)
    {
        if (!type.IsGenericType)
        {
            return false;
        }
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Dictionary<,>) || definition == typeof(HashSet<>) ||
            definition == typeof(ConcurrentDictionary<,>);
    }
}
