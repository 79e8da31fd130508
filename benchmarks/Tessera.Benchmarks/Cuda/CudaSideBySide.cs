using System.Diagnostics;
using System.Globalization;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda;
using Tessera.Kernels.Expressions;

namespace Tessera.Benchmarks.Cuda;

/// <summary>
/// The CUDA backend against the device's own limits: a device-to-device copy (the bandwidth
/// ceiling for memory-bound kernels), a fused elementwise expression and a sum as GB/s and as a
/// share of the copy, GEMM TFLOP/s through the backend against cuBLAS called directly, and
/// host→device GB/s through the pinned staging pool. Device times come from CUDA events on the
/// compute stream (median of rounds). Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side cuda [elements] [gemm-n]</c>.
/// </summary>
internal sealed class CudaSideBySide : ISideBySide
{
    private const int Rounds = 7;

    public string Name => "cuda";

    public string Description => "CUDA: copy / fused elementwise / sum GB/s, GEMM TFLOP/s vs cuBLAS, host->device GB/s";

    public void Run(string[] args)
    {
        if (Device.Available.All(d => d.Kind != DeviceKind.Cuda))
        {
            Console.WriteLine($"no CUDA GPU present; nothing to measure. Reason: {CudaDriver.Unavailable ?? "the driver sees no device."}");
            return;
        }
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1 << 28;
        var gemmN = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8192;
        var backend = CudaBackend.For(0);
        var p = backend.Properties;
        Console.WriteLine($"device: {p.Name}, sm_{p.ComputeCapability.Major}{p.ComputeCapability.Minor}, {p.MultiprocessorCount} SMs, " +
            $"{p.TotalMemoryBytes / (double)(1L << 30):0.#} GiB; NVRTC target {backend.Target.Architecture}; TF32 {(backend.AllowTf32 ? "on" : "off")}");

        var host = new float[n];
        var random = new Random(1);
        for (var i = 0; i < n; i++)
        {
            host[i] = (float)random.NextDouble();
        }
        var x = backend.Allocate(DType.Float32, [n]);
        var y = backend.Allocate(DType.Float32, [n]);
        var sum = backend.Allocate(DType.Float32, []);
        var bytes = (double)n * sizeof(float);

        var upload = WallSeconds(backend, () => backend.CopyFromHost<float>(host, x));
        var copy = DeviceSeconds(backend, () => backend.CopyDeviceToDevice(x, y));
        var e = (Ex.Input(0, DType.Float32) * 2.0f) + (Ex.Sin(Ex.Input(0, DType.Float32)) * 0.5f) - 1.0f;
        var fused = DeviceSeconds(backend, () => backend.Elementwise(e, [x], y));
        var reduce = DeviceSeconds(backend, () => backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float32), [x], [0], sum));
        foreach (var b in (IDeviceBuffer[])[x, y, sum])
        {
            backend.Free(b);
        }

        var copyGbs = 2 * bytes / copy / 1e9;
        var fusedGbs = 2 * bytes / fused / 1e9;
        var sumGbs = bytes / reduce / 1e9;
        Console.WriteLine();
        Console.WriteLine($"| workload ({n:N0} float32) | ms | GB/s | % of copy |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| device-to-device copy (read + write) | {copy * 1e3:0.###} | {copyGbs:0.#} | 100 |");
        Console.WriteLine($"| fused 2x + 0.5 sin(x) - 1 (read + write) | {fused * 1e3:0.###} | {fusedGbs:0.#} | {100 * fusedGbs / copyGbs:0} |");
        Console.WriteLine($"| sum (read) | {reduce * 1e3:0.###} | {sumGbs:0.#} | {100 * sumGbs / copyGbs:0} |");
        Console.WriteLine($"| host->device, pageable array via pinned staging (wall) | {upload * 1e3:0.###} | {bytes / upload / 1e9:0.#} | |");

        Console.WriteLine();
        Console.WriteLine($"| GEMM {gemmN}x{gemmN}x{gemmN} | backend ms | backend TFLOP/s | cuBLAS direct ms | cuBLAS TFLOP/s | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var dtype in (DType[])[DType.Float32, DType.Float64])
        {
            var a = backend.Allocate(dtype, [gemmN, gemmN]);
            var b = backend.Allocate(dtype, [gemmN, gemmN]);
            var c = backend.Allocate(dtype, [gemmN, gemmN]);
            var ours = DeviceSeconds(backend, () => backend.Gemm(false, false, 1, a, b, 0, c));
            var direct = DeviceSeconds(backend, () => backend.GemmColumnMajorDirect(false, false, gemmN, gemmN, gemmN, a, gemmN, b, gemmN, c, gemmN));
            var flops = 2.0 * gemmN * gemmN * gemmN;
            Console.WriteLine($"| {dtype} | {ours * 1e3:0.##} | {flops / ours / 1e12:0.##} | {direct * 1e3:0.##} | {flops / direct / 1e12:0.##} | {direct / ours:0.00} |");
            backend.Free(a);
            backend.Free(b);
            backend.Free(c);
        }
    }

    // Median device seconds of one call, from timing events on the compute stream (after a warm-up that compiles).
    private static double DeviceSeconds(CudaBackend backend, Action work)
    {
        work();
        backend.Synchronize();
        var times = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var start = backend.RecordTimingEvent(CudaStreamKind.Compute);
            work();
            var end = backend.RecordTimingEvent(CudaStreamKind.Compute);
            times.Add(backend.ElapsedMilliseconds(start, end) / 1e3);
            backend.Release(start);
            backend.Release(end);
        }
        return Median(times);
    }

    // Median wall seconds including the host-side staging copy, which is part of what a user pays.
    private static double WallSeconds(CudaBackend backend, Action work)
    {
        work();
        backend.Synchronize();
        var times = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            work();
            backend.Synchronize();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
