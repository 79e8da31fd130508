using System.Reflection;
using BenchmarkDotNet.Running;

namespace Tessera.Benchmarks;

/// <summary>
/// Entry point. <c>side-by-side NAME [args]</c> runs one comparison with NumPy/Dask;
/// <c>--isa native|avx2|128|all</c> among them runs Tessera at that vector width (see
/// <see cref="IsaSelection"/>); <c>list</c> names them; anything else goes to BenchmarkDotNet's switcher (micro benchmarks).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var comparisons = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(ISideBySide).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ISideBySide)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();

        if (args is ["list"] or [])
        {
            Console.WriteLine("side-by-side comparisons (run: side-by-side NAME [args]):");
            foreach (var c in comparisons)
            {
                Console.WriteLine($"  {c.Name,-28} {c.Description}");
            }
            Console.WriteLine("add --isa native|avx2|128|all to run Tessera's CPU kernels at that vector width");
            Console.WriteLine("anything else is passed to BenchmarkDotNet, e.g. --filter '*'");
            return 0;
        }
        if (args[0] == "side-by-side")
        {
            if (IsaSelection.RunInChildIfAsked(ref args) is { } childExit)
            {
                return childExit;
            }
            Console.WriteLine(IsaSelection.Describe());
            var name = args.Length > 1 ? args[1] : "";
            var match = comparisons.FirstOrDefault(c => c.Name == name);
            if (match is null)
            {
                Console.Error.WriteLine(
                    $"no comparison named '{name}'; known: {string.Join(", ", comparisons.Select(c => c.Name))}");
                return 2;
            }
            match.Run(args[2..]);
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
        return 0;
    }
}
