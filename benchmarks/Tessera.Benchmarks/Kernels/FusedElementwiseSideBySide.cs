using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// One fused CPU kernel against NumPy evaluating the same expression (one full-size temporary
/// per operator). Target: at least 2x. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side kernels-fused [n]</c>.
/// </summary>
internal sealed class FusedElementwiseSideBySide : ISideBySide
{
    public string Name => "kernels-fused";

    public string Description => "sin(x)**2 + cos(y)**2 * 3 - x*y on 1e7 float64: fused CPU kernel vs NumPy";

    public void Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000;
        var x = KernelTiming.Random(n, 1);
        var y = KernelTiming.Random(n, 2);
        var bx = CpuBuffer.Wrap(x, n);
        var by = CpuBuffer.Wrap(y, n);
        var ex = Ex.Input(0, DType.Float64);
        var ey = Ex.Input(1, DType.Float64);
        var e = Ex.Pow(Ex.Sin(ex), 2.0) + (Ex.Pow(Ex.Cos(ey), 2.0) * 3.0) - (ex * ey);
        CpuBuffer<double>? output = null;
        var (px, py) = (KernelTiming.WriteRaw(x), KernelTiming.WriteRaw(y));
        var ours = new List<Timing>();
        var numpy = new List<Timing>();
        var agree = "";
        try
        {
            for (var round = 0; round < KernelTiming.Rounds; round++)
            {
                ours.Add(KernelTiming.Measure(() =>
                {
                    // A fresh, uninitialised output each run, as NumPy allocates its result.
                    output = CpuBuffer.Wrap(Tessera.Kernels.Cpu.HostArrays.Allocate<double>(n, zeroed: false), n);
                    CpuBackend.Instance.Elementwise(e, [bx, by], output);
                }));
                var parts = KernelTiming.RunNumPy($$"""
                    import numpy as np
                    {{KernelTiming.PythonMedian}}
                    x = np.fromfile('{{px}}', dtype=np.float64); y = np.fromfile('{{py}}', dtype=np.float64)
                    t = median(lambda: np.sin(x)**2 + np.cos(y)**2 * 3 - x*y)
                    r = np.sin(x)**2 + np.cos(y)**2 * 3 - x*y
                    print(t, repr(float(r.sum())))
                    """)[^1].Split(' ');
                numpy.Add(KernelTiming.ParseTiming(parts[0], parts[1]));
                var check = KernelTiming.Parse(parts[2]);
                var sum = output!.Span.ToArray().Sum();
                agree = Math.Abs(sum - check) <= 1e-9 * Math.Abs(check) ? "yes" : $"NO ({sum} vs {check})";
            }
        }
        finally
        {
            File.Delete(px);
            File.Delete(py);
        }
        KernelTiming.PrintTable("Fused elementwise (kernels-fused)",
            [($"`sin(x)**2 + cos(y)**2 * 3 - x*y`, {n:N0} float64", KernelTiming.MedianOfRounds(ours), KernelTiming.MedianOfRounds(numpy), agree)]);
    }
}
