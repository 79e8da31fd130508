using System.Diagnostics;
using System.Globalization;
using Tessera.Kernels.Cpu;

namespace Tessera.Benchmarks;

/// <summary>
/// <c>--isa native|avx2|128|all</c> on a side-by-side run: Tessera's CPU kernels run at the width
/// the host gives (native), with AVX-512 off (avx2) or with AVX2 and FMA off (128, the width of
/// Arm64's NEON). The runtime fixes its instruction sets at start-up, so a width other than
/// native reruns this program in a child process with the runtime's switches set; the peers
/// (NumPy, dask) are Python processes and are unaffected by them.
/// </summary>
internal static class IsaSelection
{
    private const string ChildMarker = "TESSERA_BENCH_ISA";

    /// <summary>The runtime switches of each width (both AVX-512 names: .NET 10 reads EnableAVX512, older ones EnableAVX512F).</summary>
    private static readonly Dictionary<string, (string Name, string Value)[]> Switches = new(StringComparer.Ordinal)
    {
        ["native"] = [],
        ["avx2"] = [("DOTNET_EnableAVX512", "0"), ("DOTNET_EnableAVX512F", "0")],
        ["128"] = [("DOTNET_EnableAVX2", "0")],
    };

    /// <summary>
    /// Removes <c>--isa X</c> from <paramref name="args"/>. Returns null when this process should
    /// run the workload itself, else the exit code of the child runs it started.
    /// </summary>
    public static int? RunInChildIfAsked(ref string[] args)
    {
        var at = Array.IndexOf(args, "--isa");
        if (at < 0)
        {
            return null;
        }
        if (at + 1 >= args.Length)
        {
            throw new ArgumentException("--isa needs a value: native, avx2, 128 or all (e.g. --isa avx2).");
        }
        var isa = args[at + 1];
        args = [.. args[..at], .. args[(at + 2)..]];
        string[] widths = isa == "all" ? ["native", "avx2", "128"] : [isa];
        foreach (var width in widths)
        {
            if (!Switches.ContainsKey(width))
            {
                throw new ArgumentException($"--isa {isa} is not a width this harness knows. Use native, avx2, 128 or all.");
            }
        }
        if (widths is ["native"] || Environment.GetEnvironmentVariable(ChildMarker) is not null)
        {
            return null;
        }
        var code = 0;
        foreach (var width in widths)
        {
            code = Math.Max(code, RunChild(width, args));
        }
        return code;
    }

    /// <summary>The line each run prints first: the CPU and the vector width the kernels run at.</summary>
    public static string Describe() =>
        $"CPU: {CpuModel()}; Tessera's CPU kernels: {SimdWidth.Description}" +
        (Environment.GetEnvironmentVariable(ChildMarker) is { } isa ? $" (--isa {isa})" : "");

    private static int RunChild(string width, string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        // Under `dotnet Tessera.Benchmarks.dll` the host is dotnet and the program its first argument;
        // under `dotnet run` or the apphost the process is the program itself. (Comparing names
        // without extensions would read ".Benchmarks" of "Tessera.Benchmarks" as an extension.)
        var host = Path.GetFileName(Environment.ProcessPath!);
        if (host.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || host.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(IsaSelection).Assembly.Location);
        }
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (name, value) in Switches[width])
        {
            start.Environment[name] = value;
        }
        start.Environment[ChildMarker] = width;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName} for --isa {width}.");
        child.WaitForExit();
        return child.ExitCode;
    }

    // "model name" alone says little on some hosts ("AMD EPYC"), so family and model go with it.
    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
        var fields = File.ReadLines(cpuinfo).TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        var name = fields.GetValueOrDefault("model name", "unknown CPU");
        return fields.TryGetValue("cpu family", out var family) && fields.TryGetValue("model", out var model)
            ? string.Create(CultureInfo.InvariantCulture, $"{name} (family {family}, model {model})")
            : name;
    }
}
