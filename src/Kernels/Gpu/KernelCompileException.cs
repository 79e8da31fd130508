using System.Globalization;
using System.Text;

namespace Tessera.Kernels.Gpu;

/// <summary>
/// A generated GPU kernel failed to compile. Carries the compiler's log and the generated source,
/// both also in <see cref="Exception.Message"/> (the source with line numbers, which the log's
/// diagnostics refer to), because a kernel that does not compile is a bug to report with both.
/// </summary>
public sealed class KernelCompileException : Exception
{
    /// <summary>Creates the exception for a failed build on <paramref name="target"/> (a device or compiler name).</summary>
    public KernelCompileException(string target, string log, string source)
        : base(Describe(target, log, source))
    {
        Target = target;
        Log = log;
        Source = source;
    }

    /// <summary>The device or compiler the build ran for.</summary>
    public string Target { get; }

    /// <summary>The compiler's build log.</summary>
    public string Log { get; }

    /// <summary>The generated source that failed to compile.</summary>
    public new string Source { get; }

    private static string Describe(string target, string log, string source)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"A generated kernel failed to compile for {target}. This is a bug in Tessera's code generator; ");
        s.Append("please report it with this message.\n--- compiler log ---\n").Append(log.TrimEnd());
        s.Append("\n--- generated source ---\n");
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"{i + 1,4}: {lines[i]}\n");
        }
        return s.ToString();
    }
}
