using System.Runtime.CompilerServices;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.IlGpu;
using Tessera.Kernels.IlGpu.Expressions;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.IlGpu;

/// <summary>
/// A buffer passed only inside the call's own argument list (<c>Reduce(kind, e, [Upload(...)], ...)</c>)
/// must stay alive until its kernel is issued: its finalizer would otherwise park its memory, another
/// thread's synchronisation would release it, and the kernel would read freed memory.
/// </summary>
public sealed class IlGpuInputLifetimeTests
{
    private static IlGpuBackend Gpu => IlGpuBackend.For(Device.IlGpuCpu);

    [Fact]
    public void LoweredExpression_KeepsDroppedInputsAlive_UntilDisposed()
    {
        var (lowered, input) = LowerWithoutKeepingTheInput();
        Collect();
        Assert.True(input.IsAlive, "the input buffer was collected while its lowered expression was still to be launched");

        lowered.Dispose();
        Collect();
        Assert.False(input.IsAlive, "a disposed lowered expression still pins its input buffer");
    }

    [Fact]
    public void Reduce_OfInputsOnlyInTheArgumentList_IsExact()
    {
        // The caller's shape that crashed: the input exists only in the argument list.
        for (var round = 0; round < 20; round++)
        {
            var output = Gpu.Allocate(DType.Float64, []);
            Gpu.Reduce(ReductionKind.Sum, Ex.Input(0, DType.Float64) * 2.0,
                [Buffers.Upload(Gpu, Enumerable.Range(1, 1000).Select(v => (double)v).ToArray(), 1000)], [0], output);
            Collect();
            Gpu.Synchronize();
            Assert.Equal(1000.0 * 1001.0, Buffers.Download(Gpu, output)[0].As<double>());
            Gpu.Free(output);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (DeviceExpr Lowered, WeakReference Input) LowerWithoutKeepingTheInput()
    {
        var buffer = (IlGpuBuffer)Buffers.Upload(Gpu, new[] { 1.0, 2.0, 3.0, 4.0 }, 4);
        return (DeviceExprs.Build(Ex.Input(0, DType.Float64) + 1.0, [buffer], [4]), new WeakReference(buffer));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
