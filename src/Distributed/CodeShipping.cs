using System.Reflection;
using System.Runtime.InteropServices;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed;

/// <summary>
/// Which of the client's assemblies a worker may need: every assembly of the application (loaded
/// or beside it on disk), not the .NET framework's. Workers on this machine load them by path, and
/// only those they lack themselves (see <c>ClientCodeContext</c>).
/// </summary>
internal static class CodeShipping
{
    public static CodeAssembly[] ClientAssemblies()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && assembly.Location is { Length: > 0 } path && !path.StartsWith(runtime, StringComparison.Ordinal))
            {
                found.TryAdd(assembly.GetName().Name!, path);
            }
        }
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            found.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        return [.. found.Select(p => new CodeAssembly { Name = p.Key, Path = p.Value })];
    }

    /// <summary>"Inc" for a method, "Main-lambda" for a lambda in Main: the prefix of a task's key.</summary>
    public static string FunctionName(MethodInfo method)
    {
        var name = method.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end)
        {
            return name[1..end] + "-lambda";
        }
        return name;
    }
}
