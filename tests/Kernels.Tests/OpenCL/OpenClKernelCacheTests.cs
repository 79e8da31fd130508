using System.Diagnostics;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Gpu;
using Tessera.Kernels.OpenCL;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.OpenCL;

/// <summary>The kernel cache across processes, build errors, checked calls and run-to-run determinism on OpenCL.</summary>
public sealed class OpenClKernelCacheTests
{
    [Fact]
    public void SecondProcess_LoadsKernelFromDisk_WithoutCompiling()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"tessera-kernel-cache-{Guid.NewGuid():N}");
        try
        {
            var first = RunProbe(directory);
            Assert.StartsWith("compiled=1 loaded=0 ", first);
            Assert.NotEmpty(Directory.GetFiles(directory, "*.bin"));
            var second = RunProbe(directory);
            Assert.StartsWith("compiled=0 loaded=1 ", second);
            Assert.Equal(first[first.IndexOf("result=", StringComparison.Ordinal)..], second[second.IndexOf("result=", StringComparison.Ordinal)..]);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void BuildError_ThrowsWithCompilerLogAndSource()
    {
        var source = new GpuKernelSource(
            "__kernel void broken(__global float* x)\n{\n    x[0] = no_such_variable;\n}\n", ["broken"], "test|broken", [], 0, false);
        var error = Assert.Throws<KernelCompileException>(() => OpenClTestDevice.Backend.CompileForTest(source));
        Assert.Contains("no_such_variable", error.Log);
        Assert.Equal(source.Source, error.Source);
        Assert.Contains("   3:     x[0] = no_such_variable;", error.Message);
        Assert.Contains(OpenClTestDevice.Backend.Info.Name, error.Message);
    }

    [Fact]
    public void FailedCall_NamesTheStatusAndTheCall()
    {
        var error = Assert.Throws<OpenClException>(() => OpenClException.ThrowIfFailed(-30, "clSetKernelArg(#2)"));
        Assert.Contains("CL_INVALID_VALUE", error.Message);
        Assert.Contains("clSetKernelArg(#2)", error.Message);
        Assert.Equal(-30, error.Status);
    }

    [Fact]
    public void SameStructure_DifferentConstants_CompilesOnce()
    {
        var backend = OpenClTestDevice.Backend;
        var x = Ex.Input(0, DType.Float64);
        var input = Buffers.Upload(backend, new double[] { 1, 2, 3 }, 3);
        var output = backend.Allocate(DType.Float64, [3]);
        backend.Elementwise(Ex.Unary(Ops.OpTable.Tanh, x) * 17.0 - 0.125, [input], output);
        var compiled = backend.Cache.Compiled;
        var loaded = backend.Cache.LoadedFromDisk;
        backend.Elementwise(Ex.Unary(Ops.OpTable.Tanh, x) * 3.0 - 0.5, [input], output);
        Assert.Equal(compiled, backend.Cache.Compiled);
        Assert.Equal(loaded, backend.Cache.LoadedFromDisk);
        Assert.Equal([Math.Tanh(1) * 3 - 0.5, Math.Tanh(2) * 3 - 0.5, Math.Tanh(3) * 3 - 0.5],
            Buffers.Download(backend, output).Select(s => s.ToDouble()), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void SplitReduction_RepeatedRuns_GiveIdenticalBits()
    {
        // 3 x 200 000 float32 reduced along the long axis: several groups per output and a final
        // combine; a fixed tree gives the same bits every time (atomics would not).
        var backend = OpenClTestDevice.Backend;
        var data = (float[])TestData.Create(DType.Float32, 600_000, seed: 5, specials: false, range: 1000);
        var input = Buffers.Upload(backend, data, 3, 200_000);
        var prologue = Ex.Input(0, DType.Float32) * Ex.Input(0, DType.Float32);
        double[] Run(ReductionKind kind)
        {
            var output = backend.Allocate(DType.Float32, [3]);
            backend.Reduce(kind, prologue, [input], [1], output);
            return Buffers.Download(backend, output).Select(s => s.ToDouble()).ToArray();
        }
        foreach (var kind in new[] { ReductionKind.Sum, ReductionKind.Var, ReductionKind.Mean })
        {
            var first = Run(kind);
            Assert.Equal(first, Run(kind));
            Assert.Equal(first, Run(kind));
        }
    }

    [Fact]
    public void OpenClDevice_IsListedWithItsKind_AndUnknownIndexSaysWhichExist()
    {
        var info = Assert.Single(Device.Available, d => d.Device == Device.OpenCL(0));
        Assert.Equal(OpenClTestDevice.Backend.Info.IsGpu, info.IsGpu);
        Assert.Contains(OpenClTestDevice.Backend.Info.Name, info.Name);
        Assert.Equal(Device.OpenCL(0), ComputeBackends.For(Device.OpenCL(0)).Device);
        var error = Assert.Throws<NotSupportedException>(() => ComputeBackends.For(Device.OpenCL(99)));
        Assert.Contains("opencl:0", error.Message);
    }

    private static string RunProbe(string cacheDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(KernelCacheProbe).Assembly.Location);
        start.ArgumentList.Add(KernelCacheProbe.Command);
        start.Environment[KernelCache<OpenClProgram>.EnvironmentVariable] = cacheDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the probe process did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"probe exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result.Trim();
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
