using System.Globalization;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.OpenCL;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.OpenCL;

/// <summary>
/// What the second process of <see cref="OpenClKernelCacheTests"/> runs (<c>dotnet exec
/// Kernels.Tests.dll kernel-cache-probe</c>): one elementwise kernel on OpenCL device 0, then
/// the cache's counters and the result on standard output.
/// </summary>
internal static class KernelCacheProbe
{
    public const string Command = "kernel-cache-probe";

    public static int Run()
    {
        var backend = OpenClBackend.For(0);
        // A structure no other test uses, so only this probe's runs share its cache entry.
        var x = Ex.Input(0, DType.Float32);
        var e = Ex.Sqrt(Ex.Abs(x) + 0.25) * Ex.Cos(x - 1.5);
        var input = Buffers.Upload(backend, new float[] { 0, 1, -2, 3.5f }, 4);
        var output = backend.Allocate(DType.Float32, [4]);
        backend.Elementwise(e, [input], output);
        var values = Buffers.Download(backend, output).Select(v => v.ToDouble().ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine($"compiled={backend.Cache.Compiled} loaded={backend.Cache.LoadedFromDisk} result={string.Join(",", values)}");
        return 0;
    }
}
