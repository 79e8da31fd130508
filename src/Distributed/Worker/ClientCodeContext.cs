using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Tessera.Distributed.Worker;

/// <summary>
/// A client's code on a worker: a collectible load context holding the client's own assemblies,
/// loaded by path (client and worker share a machine). Anything the worker already has (the .NET
/// framework, Tessera, Orleans) comes from the worker's default context, so Tessera's types are the
/// same types on both sides of a call. Unloaded when the client detaches.
/// </summary>
internal sealed class ClientCodeContext : AssemblyLoadContext
{
    private static readonly HashSet<string> PlatformAssemblies = PlatformNames();
    private readonly Dictionary<string, string> _paths;
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);

    public ClientCodeContext(Guid client, IEnumerable<Protocol.CodeAssembly> code)
        : base($"tessera-client-{client:N}", isCollectible: true)
    {
        _paths = code.ToDictionary(c => c.Name, c => c.Path, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The type an assembly-qualified name names, as this client sees it.</summary>
    public Type Resolve(string name) => _types.GetOrAdd(name, n =>
        Type.GetType(n, LoadFromAssemblyName, typeResolver: null, throwOnError: true)!);

    protected override Assembly? Load(AssemblyName name)
    {
        var simple = name.Name ?? "";
        if (PlatformAssemblies.Contains(simple) || Default.Assemblies.Any(a => a.GetName().Name == simple))
        {
            return null; // the worker's own copy
        }
        return _paths.TryGetValue(simple, out var path) ? LoadFromAssemblyPath(path) : null;
    }

    private static HashSet<string> PlatformNames()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return new HashSet<string>(list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
    }
}
