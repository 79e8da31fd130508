using System.Diagnostics;
using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;

namespace Tessera.Benchmarks.Gpu;

/// <summary>
/// The ILGPU backend against the device's own limits (issue #14's GPU targets): a device-to-device
/// copy (the bandwidth ceiling for memory-bound kernels), a fused elementwise expression and a sum
/// as GB/s and as a share of the copy, GEMM TFLOP/s through the backend against cuBLAS called
/// directly (CUDA only), and host→device GB/s. Run:
/// <c>dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- side-by-side cuda [--device cuda:0] [elements] [gemm-n]</c>.
/// </summary>
/// <remarks>
/// Times are wall clock around the call and a synchronize (median of rounds, after a warm-up that
/// compiles the kernel): at the default 2^28 elements one call moves 1-2 GiB, so the launch and
/// synchronize overhead (tens of microseconds) is well under 1% of a millisecond-scale kernel.
/// </remarks>
internal sealed class GpuSideBySide : ISideBySide
{
    private const int Rounds = 7;

    public string Name => "cuda";

    public string Description => "ILGPU backend on --device (default cuda:0): copy / fused elementwise / sum GB/s, GEMM TFLOP/s vs cuBLAS, host->device GB/s";

    public void Run(string[] args)
    {
        var (device, rest) = DeviceArgument(args);
        if (!Device.Available.Any(d => d.Device == device))
        {
            Console.WriteLine($"{device} is not present; nothing to measure.\n{Device.Available}");
            return;
        }
        var n = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 1 << 28;
        var gemmN = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 8192;
        var backend = IlGpuBackend.For(device);
        var accelerator = backend.Accelerator;
        // The CPU accelerator reports long.MaxValue: it allocates host memory.
        var memory = accelerator.AcceleratorType == AcceleratorType.CPU ? "host memory" : $"{accelerator.MemorySize / (double)(1L << 30):0.#} GiB";
        Console.WriteLine($"device: {device} = {accelerator.Name} ({accelerator.AcceleratorType}), {memory}, {DateTime.UtcNow:yyyy-MM-dd} UTC");
        if (accelerator is CudaAccelerator cuda)
        {
            Console.WriteLine($"CUDA: {cuda.Architecture}, PTX ISA {cuda.InstructionSet}, driver {cuda.DriverVersion}");
        }

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

        var upload = Seconds(backend, () => backend.CopyFromHost<float>(host, x));
        var copy = Seconds(backend, () => CopyDeviceToDevice(x, y));
        var e = (Ex.Input(0, DType.Float32) * 2.0f) + (Ex.Sin(Ex.Input(0, DType.Float32)) * 0.5f) - 1.0f;
        var fused = Seconds(backend, () => backend.Elementwise(e, [x], y));
        var reduce = Seconds(backend, () => backend.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float32), [x], [0], sum));
        foreach (var b in (IDeviceBuffer[])[x, y, sum])
        {
            backend.Free(b);
        }

        var copyGbs = 2 * bytes / copy / 1e9;
        Console.WriteLine();
        Console.WriteLine($"| workload ({n:N0} float32) | ms | GB/s | % of copy | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| device-to-device copy (read + write) | {copy * 1e3:0.###} | {copyGbs:0.#} | 100 | |");
        Row("fused 2x + 0.5 sin(x) - 1 (read + write)", fused, 2 * bytes, copyGbs, "≥ 85%");
        Row("sum (read)", reduce, bytes, copyGbs, "≥ 80%");
        Console.WriteLine($"| host->device, pageable float[] (wall) | {upload * 1e3:0.###} | {bytes / upload / 1e9:0.#} | | |");

        Console.WriteLine();
        Console.WriteLine($"| GEMM {gemmN}x{gemmN}x{gemmN} | backend ms | backend TFLOP/s | cuBLAS direct ms | cuBLAS TFLOP/s | cuBLAS / backend time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var dtype in (DType[])[DType.Float32, DType.Float64])
        {
            var a = backend.Allocate(dtype, [gemmN, gemmN]);
            var b = backend.Allocate(dtype, [gemmN, gemmN]);
            var c = backend.Allocate(dtype, [gemmN, gemmN]);
            var ours = Seconds(backend, () => backend.Gemm(false, false, 1, a, b, 0, c));
            var direct = accelerator is CudaAccelerator ca ? Seconds(backend, () => CuBlasDirect(ca, dtype, gemmN, a, b, c)) : double.NaN;
            var flops = 2.0 * gemmN * gemmN * gemmN;
            Console.WriteLine($"| {dtype} | {Ms(ours)} | {flops / ours / 1e12:0.##} | {Ms(direct)} | {flops / direct / 1e12:0.##} | {direct / ours:0.00} |");
            backend.Free(a);
            backend.Free(b);
            backend.Free(c);
        }
    }

    // --device NAME anywhere in the arguments; the rest are positional.
    private static (Device Device, string[] Positional) DeviceArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--device");
        if (at < 0)
        {
            return (Device.Cuda(0), args);
        }
        if (at + 1 >= args.Length)
        {
            throw new ArgumentException("--device needs a device name, e.g. --device cuda:0 or --device ilgpu-cpu.");
        }
        return (Device.Parse(args[at + 1]), [.. args[..at], .. args[(at + 2)..]]);
    }

    private static void Row(string name, double seconds, double bytes, double copyGbs, string target)
    {
        var gbs = bytes / seconds / 1e9;
        Console.WriteLine(double.IsNaN(seconds)
            ? $"| {name} | failed (see above) | | | {target} |"
            : $"| {name} | {seconds * 1e3:0.###} | {gbs:0.#} | {100 * gbs / copyGbs:0} | {target} |");
    }

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "n/a" : (seconds * 1e3).ToString("0.##", CultureInfo.InvariantCulture);

    // The bandwidth ceiling: ILGPU's own device-to-device copy, not a kernel of ours.
    private static void CopyDeviceToDevice(IDeviceBuffer source, IDeviceBuffer destination) =>
        ((IlGpuBuffer)source).View<float>().CopyTo(((IlGpuBuffer)destination).View<float>());

    // cuBLAS through ILGPU.Algorithms' bindings, column-major: square operands, so the layout only
    // transposes the product, which does not change the work.
    private static void CuBlasDirect(CudaAccelerator accelerator, DType dtype, int n, IDeviceBuffer a, IDeviceBuffer b, IDeviceBuffer c)
    {
        using var blas = new CuBlas(accelerator);
        if (dtype == DType.Float32)
        {
            blas.Gemm(CuBlasOperation.NonTranspose, CuBlasOperation.NonTranspose, n, n, n, 1f, View<float>(a), n, View<float>(b), n, 0f, View<float>(c), n);
        }
        else
        {
            blas.Gemm(CuBlasOperation.NonTranspose, CuBlasOperation.NonTranspose, n, n, n, 1d, View<double>(a), n, View<double>(b), n, 0d, View<double>(c), n);
        }
    }

    private static ArrayView<T> View<T>(IDeviceBuffer buffer) where T : unmanaged => ((IlGpuBuffer)buffer).View<T>();

    // Median wall seconds of one call plus a synchronize; NaN (with the reason printed) when the
    // backend cannot run the workload yet, so the other rows are still measured.
    private static double Seconds(IComputeBackend backend, Action work)
    {
        try
        {
            work();
            backend.Synchronize();
        }
        catch (Exception e) when (e is NotImplementedException or NotSupportedException)
        {
            Console.WriteLine($"skipped a workload: {e.GetType().Name}: {e.Message}");
            return double.NaN;
        }
        var times = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            work();
            backend.Synchronize();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
