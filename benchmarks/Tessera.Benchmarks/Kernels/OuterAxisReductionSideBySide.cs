using System.Globalization;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Expressions;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// Outer-axis reductions (axis=0 of a row-major rows × columns block, the kept-axis lane
/// kernels) against NumPy on one thread: the plain float forms that had lanes already, and the
/// nanvar, argmax, integer and logical forms that went element by element before issue #13. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side kernels-outer-reductions [rows] [columns] [label filter] --isa all</c>
/// (the filter keeps the workloads whose label contains it, e.g. "argmax").
/// </summary>
internal sealed class OuterAxisReductionSideBySide : ISideBySide
{
    public string Name => "kernels-outer-reductions";

    public string Description => "reductions over axis 0 of a 4000 x 2500 block (lane kernels) vs NumPy (single-threaded)";

    /// <summary>One workload: its label, the reduction, the input it reads and NumPy's expression for the same result.</summary>
    private sealed record Case(string Label, ReductionKind Kind, string Input, string NumPy);

    private static readonly Case[] Cases =
    [
        new("sum f64", ReductionKind.Sum, "f64", "f64.sum(axis=0)"),
        new("var f64", ReductionKind.Var, "f64", "f64.var(axis=0)"),
        new("max f64", ReductionKind.Max, "f64", "f64.max(axis=0)"),
        new("nansum f64 (1% NaN)", ReductionKind.NanSum, "nan64", "np.nansum(nan64, axis=0)"),
        new("nanvar f64 (1% NaN)", ReductionKind.NanVar, "nan64", "np.nanvar(nan64, axis=0)"),
        new("nanstd f32 (1% NaN)", ReductionKind.NanStd, "nan32", "np.nanstd(nan32, axis=0)"),
        new("argmax f64", ReductionKind.ArgMax, "f64", "f64.argmax(axis=0)"),
        new("argmax f32", ReductionKind.ArgMax, "f32", "f32.argmax(axis=0)"),
        new("nanargmin f32 (1% NaN)", ReductionKind.NanArgMin, "nan32", "np.nanargmin(nan32, axis=0)"),
        new("argmax i32", ReductionKind.ArgMax, "i32", "i32.argmax(axis=0)"),
        new("argmin i64", ReductionKind.ArgMin, "i64", "i64.argmin(axis=0)"),
        new("prod i64 (±1)", ReductionKind.Prod, "pm64", "pm64.prod(axis=0)"),
        new("nansum i32", ReductionKind.NanSum, "i32", "np.nansum(i32, axis=0)"),
        new("nanmean i64", ReductionKind.NanMean, "i64", "np.nanmean(i64, axis=0)"),
        new("any bool", ReductionKind.Any, "b", "b.any(axis=0)"),
        new("all bool", ReductionKind.All, "nb", "nb.all(axis=0)"),
    ];

    public void Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4000;
        var columns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2500;
        var filter = args.Length > 2 ? args[2] : "";
        var cases = Cases.Where(k => k.Label.Contains(filter, StringComparison.Ordinal)).ToArray();
        if (cases.Length == 0)
        {
            throw new ArgumentException($"No workload's label contains '{filter}'; labels: {string.Join(", ", Cases.Select(k => k.Label))}.");
        }
        var n = rows * columns;
        var x = KernelTiming.Random(n, 5);
        var inputs = Inputs(x, rows, columns);
        var path = KernelTiming.WriteRaw(x);
        var ours = cases.Select(_ => new List<Timing>()).ToArray();
        var numpy = cases.Select(_ => new List<Timing>()).ToArray();
        var agree = new string[cases.Length];
        try
        {
            for (var round = 0; round < KernelTiming.Rounds; round++)
            {
                var checks = new double[cases.Length];
                for (var c = 0; c < cases.Length; c++)
                {
                    var (buffer, dtype) = inputs[cases[c].Input];
                    var e = Ex.Input(0, dtype);
                    var output = CpuBuffer.Allocate(ReductionTypes.ResultType(cases[c].Kind, dtype), [columns]);
                    var kind = cases[c].Kind;
                    ours[c].Add(KernelTiming.Measure(() => CpuBackend.Instance.Reduce(kind, e, [buffer], [0], output)));
                    checks[c] = Checksum(output);
                }
                var lines = KernelTiming.RunNumPy($$"""
                    import numpy as np, warnings
                    warnings.simplefilter('ignore')
                    {{KernelTiming.PythonMedian}}
                    x = np.fromfile('{{path}}', dtype=np.float64).reshape({{rows}}, {{columns}})
                    {{PythonInputs}}
                    {{string.Join("\n", cases.Select(k => $"r = {k.NumPy}; print(median(lambda: {k.NumPy}), repr(float(np.asarray(r, dtype=np.float64).sum())))"))}}
                    """);
                var results = lines[^cases.Length..];
                for (var c = 0; c < cases.Length; c++)
                {
                    var parts = results[c].Split(' ');
                    numpy[c].Add(KernelTiming.ParseTiming(parts[0], parts[1]));
                    var expected = KernelTiming.Parse(parts[2]);
                    // NumPy computes float32 moments in float32; ours accumulate in float64.
                    var tolerance = cases[c].Input.EndsWith("32", StringComparison.Ordinal) && cases[c].Kind is ReductionKind.NanStd or ReductionKind.NanVar ? 1e-5 : 1e-9;
                    agree[c] = Math.Abs(checks[c] - expected) <= tolerance * Math.Max(1, Math.Abs(expected))
                        ? "yes" : $"NO ({checks[c]} vs {expected})";
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
        KernelTiming.PrintTable($"Outer-axis reductions (kernels-outer-reductions), axis 0 of {rows:N0} x {columns:N0}",
            cases.Select((k, c) => (k.Label, KernelTiming.MedianOfRounds(ours[c]), KernelTiming.MedianOfRounds(numpy[c]), agree[c])));
    }

    /// <summary>The same inputs NumPy builds in <see cref="PythonInputs"/>, from the same float64 values.</summary>
    private static Dictionary<string, (IDeviceBuffer Buffer, DType DType)> Inputs(double[] x, int rows, int columns)
    {
        var n = x.Length;
        var nan64 = HostArrays.Allocate<double>(n, zeroed: false);
        var f32 = HostArrays.Allocate<float>(n, zeroed: false);
        var nan32 = HostArrays.Allocate<float>(n, zeroed: false);
        var i32 = HostArrays.Allocate<int>(n, zeroed: false);
        var i64 = HostArrays.Allocate<long>(n, zeroed: false);
        var pm64 = HostArrays.Allocate<long>(n, zeroed: false);
        var b = HostArrays.Allocate<bool>(n, zeroed: false);
        var nb = HostArrays.Allocate<bool>(n, zeroed: false);
        for (var i = 0; i < n; i++)
        {
            nan64[i] = i % 97 == 0 ? double.NaN : x[i];
            f32[i] = (float)x[i];
            nan32[i] = (float)nan64[i];
            i32[i] = (int)Math.Floor(x[i] * 1000);
            i64[i] = i32[i];
            pm64[i] = x[i] > 0 ? 1 : -1;
            b[i] = x[i] > 1.999;
            nb[i] = x[i] > -1.999;
        }
        int[] shape = [rows, columns];
        return new()
        {
            ["f64"] = (CpuBuffer.Wrap(x, shape), DType.Float64),
            ["nan64"] = (CpuBuffer.Wrap(nan64, shape), DType.Float64),
            ["f32"] = (CpuBuffer.Wrap(f32, shape), DType.Float32),
            ["nan32"] = (CpuBuffer.Wrap(nan32, shape), DType.Float32),
            ["i32"] = (CpuBuffer.Wrap(i32, shape), DType.Int32),
            ["i64"] = (CpuBuffer.Wrap(i64, shape), DType.Int64),
            ["pm64"] = (CpuBuffer.Wrap(pm64, shape), DType.Int64),
            ["b"] = (CpuBuffer.Wrap(b, shape), DType.Bool),
            ["nb"] = (CpuBuffer.Wrap(nb, shape), DType.Bool),
        };
    }

    private const string PythonInputs = """
        f64 = x; nan64 = x.copy(); nan64.reshape(-1)[::97] = np.nan
        f32 = x.astype(np.float32); nan32 = nan64.astype(np.float32)
        i32 = np.floor(x * 1000).astype(np.int32); i64 = i32.astype(np.int64)
        pm64 = np.where(x > 0, 1, -1).astype(np.int64)
        b = x > 1.999; nb = x > -1.999
        """;

    /// <summary>The sum of the outputs in float64, compared with NumPy's.</summary>
    private static double Checksum(IDeviceBuffer output) => output switch
    {
        CpuBuffer<double> d => d.Span.ToArray().Sum(),
        CpuBuffer<float> f => f.Span.ToArray().Sum(v => (double)v),
        CpuBuffer<long> l => l.Span.ToArray().Sum(v => (double)v),
        CpuBuffer<int> i => i.Span.ToArray().Sum(v => (double)v),
        CpuBuffer<bool> b => b.Span.ToArray().Count(v => v),
        _ => throw new NotSupportedException($"No checksum for {output.GetType().Name}."),
    };
}
