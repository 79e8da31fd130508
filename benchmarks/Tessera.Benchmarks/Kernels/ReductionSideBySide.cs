using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// Whole-array sum and std of 1e8 float64 against NumPy on one thread. Target: at least 1x. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side kernels-reductions [n]</c>.
/// </summary>
internal sealed class ReductionSideBySide : ISideBySide
{
    public string Name => "kernels-reductions";

    public string Description => "sum and std of 1e8 float64: CPU reduction kernels vs NumPy (single-threaded)";

    public void Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000_000;
        var x = KernelTiming.Random(n, 3);
        var input = CpuBuffer.Wrap(x, n);
        var e = Ex.Input(0, DType.Float64);
        var output = new CpuBuffer<double>(new double[1], 0, []);
        var path = KernelTiming.WriteRaw(x);
        var (oursSum, oursStd, numpySum, numpyStd) = (new List<Timing>(), new List<Timing>(), new List<Timing>(), new List<Timing>());
        var (agreeSum, agreeStd) = ("", "");
        try
        {
            for (var round = 0; round < KernelTiming.Rounds; round++)
            {
                oursSum.Add(KernelTiming.Measure(() => CpuBackend.Instance.Reduce(ReductionKind.Sum, e, [input], [0], output)));
                var sum = output.Span[0];
                oursStd.Add(KernelTiming.Measure(() => CpuBackend.Instance.Reduce(ReductionKind.Std, e, [input], [0], output)));
                var std = output.Span[0];
                var lines = KernelTiming.RunNumPy($$"""
                    import numpy as np
                    {{KernelTiming.PythonMedian}}
                    x = np.fromfile('{{path}}', dtype=np.float64)
                    print(median(lambda: x.sum()), repr(float(x.sum())))
                    print(median(lambda: x.std()), repr(float(x.std())))
                    """);
                var s = lines[^2].Split(' ');
                var d = lines[^1].Split(' ');
                numpySum.Add(KernelTiming.ParseTiming(s[0], s[1]));
                numpyStd.Add(KernelTiming.ParseTiming(d[0], d[1]));
                agreeSum = Agree(sum, KernelTiming.Parse(s[2]), 1e-12 * Math.Sqrt(n));
                agreeStd = Agree(std, KernelTiming.Parse(d[2]), 1e-12);
            }
        }
        finally
        {
            File.Delete(path);
        }
        KernelTiming.PrintTable("Reductions (kernels-reductions)",
        [
            ($"sum of {n:N0} float64", KernelTiming.MedianOfRounds(oursSum), KernelTiming.MedianOfRounds(numpySum), agreeSum),
            ($"std of {n:N0} float64", KernelTiming.MedianOfRounds(oursStd), KernelTiming.MedianOfRounds(numpyStd), agreeStd),
        ]);
    }

    private static string Agree(double ours, double numpy, double tolerance) =>
        Math.Abs(ours - numpy) <= tolerance * Math.Max(1, Math.Abs(numpy)) ? "yes" : $"NO ({ours} vs {numpy})";
}
