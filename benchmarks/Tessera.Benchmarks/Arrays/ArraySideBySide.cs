using System.Diagnostics;
using System.Globalization;
using Tessera.Arrays;
using Tessera.Testing;
using static Tessera.Benchmarks.BenchmarkArgs;

namespace Tessera.Benchmarks.Arrays;

/// <summary>
/// The array workloads of the BlockedArray issue, side by side with NumPy and dask.array in
/// one invocation (inputs persisted in memory on every side, so only computation is timed):
/// W1 fused <c>sin(x)**2 + cos(y)**2*3 - x*y</c> on two n-element float64 arrays in 10 blocks;
/// W2 <c>sum()</c>, <c>mean(axis=0)</c>, <c>std(axis=1)</c> of an (n, n/2) float64 array in
/// (n/10, n/10) blocks; W4 an n × n matmul in (n/4, n/4) blocks, float32 and float64;
/// W5 <c>sum()</c> and <c>mean()</c> of an (n, 5n/4) float64 array in memory, not persisted
/// (<c>FromArray</c>, dask's <c>from_array</c>): 10 row chunks on 2 threads, 10 column chunks
/// (blocks that are not one window of the array: strided views) on 2 threads, and one chunk on
/// one thread (Tessera's synchronous scheduler, dask's synchronous one).
/// Args: [w1|w2|w4|w5|all] [--threads 2 (Tessera's workers)] [--n1 100000000] [--n2 20000] [--n4 4096] [--n5 4000] [--repeats 3]
/// [--w1-devices cpu,ilgpu-cpu (W1 once per device, same run; the first device's row is "W1 fused")].
/// </summary>
internal sealed class ArraySideBySide : ISideBySide
{
    public string Name => "arrays";

    public string Description => "W1 fused chain, W2 sum/mean/std, W4 matmul: Tessera vs NumPy vs dask.array";

    public void Run(string[] args)
    {
        var which = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "all";
        var repeats = Int(args, "--repeats", 3);
        var options = new ComputeOptions { MaxDegreeOfParallelism = Int(args, "--threads", 2) };
        Console.WriteLine($"arrays side by side: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, median of {repeats}");
        Console.WriteLine($"{"workload",-14} {"tessera s",10} {"numpy s",10} {"dask s",10} {"vs numpy",9} {"vs dask",8}");
        if (which is "w1" or "all")
        {
            var n = Int(args, "--n1", 100_000_000);
            var theirs = Python("w1", n, repeats);
            // Issue #14's item 6: the same W1 on ILGPU's CPU accelerator shows why the CPU backend,
            // not the emulator, is the CPU path. Inputs are persisted on each device in turn.
            var devices = Text(args, "--w1-devices", "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries);
            foreach (var device in devices)
            {
                var on = options with { Device = Device.Parse(device) };
                var x = BlockedArray.Random(1).Uniform<double>([n], [n / 10]).Persist(on);
                var y = BlockedArray.Random(2).Uniform<double>([n], [n / 10]).Persist(on);
                var sx = BlockedArray.Sin(x);
                var cy = BlockedArray.Cos(y);
                var expr = (sx * sx) + (cy * cy * 3.0) - (x * y);
                Row(device == devices[0] ? "W1 fused" : $"W1 {device}", MedianTimer.Seconds(repeats, () => expr.Compute(on), collectFirst: true), theirs["numpy"], theirs["dask"]);
            }
        }
        if (which is "w2" or "all")
        {
            var n = Int(args, "--n2", 20_000);
            var x = BlockedArray.Random(3).Uniform<double>([n, n / 2], [n / 10, n / 10]).Persist(options);
            var theirs = Python("w2", n, repeats);
            Row("W2 sum", MedianTimer.Seconds(repeats, () => x.Sum().Compute(options), collectFirst: true), theirs["numpy-sum"], theirs["dask-sum"]);
            Row("W2 mean(0)", MedianTimer.Seconds(repeats, () => x.Mean(0).Compute(options), collectFirst: true), theirs["numpy-mean0"], theirs["dask-mean0"]);
            Row("W2 std(1)", MedianTimer.Seconds(repeats, () => x.Std(1).Compute(options), collectFirst: true), theirs["numpy-std1"], theirs["dask-std1"]);
        }
        if (which is "w5" or "all")
        {
            var rows = Int(args, "--n5", 4000);
            var cols = rows * 5 / 4;
            var random = new Random(6);
            var values = new double[(long)rows * cols];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.NextDouble();
            }
            var x = BlockedArray.FromArray(values, [rows, cols], [Math.Max(1, rows / 10), cols]);
            var columns = BlockedArray.FromArray(values, [rows, cols], [rows, Math.Max(1, cols / 10)]);
            var one = BlockedArray.FromArray(values, [rows, cols], [rows, cols]);
            var alone = new ComputeOptions { Scheduler = SchedulerKind.Synchronous };
            var theirs = Python("w5", rows, repeats);
            Row("W5 sum", MedianTimer.Seconds(repeats, () => x.Sum().Compute(options), collectFirst: true), theirs["numpy-sum"], theirs["dask-sum"]);
            Row("W5 mean", MedianTimer.Seconds(repeats, () => x.Mean().Compute(options), collectFirst: true), theirs["numpy-mean"], theirs["dask-mean"]);
            Row("W5 sum cols", MedianTimer.Seconds(repeats, () => columns.Sum().Compute(options), collectFirst: true), theirs["numpy-sum"], theirs["dask-sumc"]);
            Row("W5 mean cols", MedianTimer.Seconds(repeats, () => columns.Mean().Compute(options), collectFirst: true), theirs["numpy-mean"], theirs["dask-meanc"]);
            Row("W5 sum(0) cols", MedianTimer.Seconds(repeats, () => columns.Sum(0).Compute(options), collectFirst: true), theirs["numpy-sum0"], theirs["dask-sum0c"]);
            Row("W5 sum 1x1", MedianTimer.Seconds(repeats, () => one.Sum().Compute(alone), collectFirst: true), theirs["numpy-sum1"], theirs["dask-sum1"]);
            Row("W5 mean 1x1", MedianTimer.Seconds(repeats, () => one.Mean().Compute(alone), collectFirst: true), theirs["numpy-mean1"], theirs["dask-mean1"]);
            Console.WriteLine("(W5 cols: 10 column chunks; 1x1: one chunk, one thread on every side)");
        }
        if (which is "w4" or "all")
        {
            var n = Int(args, "--n4", 4096);
            var a32 = BlockedArray.Random(4).Uniform<float>([n, n], [n / 4, n / 4]).Persist(options);
            var b32 = BlockedArray.Random(5).Uniform<float>([n, n], [n / 4, n / 4]).Persist(options);
            var f32 = Python("w4-f32", n, repeats);
            Row("W4 matmul f32", MedianTimer.Seconds(repeats, () => BlockedArray.MatMul(a32, b32).Compute(options), collectFirst: true), f32["numpy"], f32["dask"]);
            var a64 = a32.Astype<double>().Persist(options);
            var b64 = b32.Astype<double>().Persist(options);
            var f64 = Python("w4-f64", n, repeats);
            Row("W4 matmul f64", MedianTimer.Seconds(repeats, () => BlockedArray.MatMul(a64, b64).Compute(options), collectFirst: true), f64["numpy"], f64["dask"]);
            Console.WriteLine($"(W4 GFLOP/s = 2n³ / seconds with n = {n})");
        }
    }

    private static Dictionary<string, double> Python(string workload, int n, int repeats)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Arrays", "ArrayWorkloads.py");
        var code = $"import sys; sys.argv = ['w', '{workload}', '{n}', '{repeats}']; exec(open('{script}').read())";
        return PythonOracle.Run(code, TimeSpan.FromMinutes(30))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => double.Parse(f[2], CultureInfo.InvariantCulture));
    }

    private static void Row(string name, double ours, double numpy, double dask) =>
        Console.WriteLine($"{name,-14} {ours,10:0.000} {numpy,10:0.000} {dask,10:0.000} {numpy / ours,8:0.00}x {dask / ours,7:0.00}x");
}
