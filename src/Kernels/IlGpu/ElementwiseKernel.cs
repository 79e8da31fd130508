using ILGPU;
using ILGPU.Runtime;
using Tessera.Kernels.IlGpu.Expressions;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// A compiled elementwise map <c>output[i] = expr.Eval(i)</c> for one expression struct type.
/// Built through reflection once per type (the types are made at run time), then launched through
/// a typed ILGPU launcher without reflection.
/// </summary>
internal abstract class ElementwiseKernel
{
    /// <summary>Compiles the map for expressions of <paramref name="structType"/> yielding <paramref name="elementType"/>.</summary>
    public static ElementwiseKernel Compile(Accelerator accelerator, Type elementType, Type structType) =>
        (ElementwiseKernel)Activator.CreateInstance(
            typeof(ElementwiseKernel<,>).MakeGenericType(elementType, structType), accelerator)!;

    /// <summary>
    /// The kernel method, generic over the element type and the expression struct: a grid-stride
    /// loop, so one launch of at most the device's resident thread count covers any length (each
    /// thread steps by <paramref name="stride"/>, the launched thread count).
    /// </summary>
    internal static void Map<T, TExpr>(Index1D index, TExpr expr, ArrayView<T> output, int stride)
        where T : unmanaged
        where TExpr : struct, IDeviceExpr<T>
    {
        var length = (int)output.Length;
        for (int i = index; i < length; i += stride)
        {
            output[i] = expr.Eval(i);
        }
    }

    /// <summary>
    /// Threads to launch for <paramref name="length"/> elements: one per element up to what the
    /// device keeps resident at once (all multiprocessors full); past that, threads loop. On ILGPU's
    /// CPU accelerator this matters most: each emulated thread group costs far more than an element.
    /// </summary>
    internal static int Threads(Accelerator accelerator, long length) =>
        (int)Math.Min(length, Math.Max(accelerator.MaxNumThreads, accelerator.MaxNumThreadsPerGroup));

    /// <summary>Queues the map over every element of <paramref name="output"/> on <paramref name="stream"/>.</summary>
    /// <param name="stream">The stream to launch on.</param>
    /// <param name="expr">A boxed instance of the struct type the kernel was compiled for.</param>
    /// <param name="output">A non-empty buffer of the expression's type.</param>
    public abstract void Launch(AcceleratorStream stream, object expr, IlGpuBuffer output);
}

/// <summary>The map specialised on <typeparamref name="TExpr"/>.</summary>
internal sealed class ElementwiseKernel<T, TExpr> : ElementwiseKernel
    where T : unmanaged
    where TExpr : struct, IDeviceExpr<T>
{
    private readonly Accelerator _accelerator;
    private readonly Action<AcceleratorStream, Index1D, TExpr, ArrayView<T>, int> _launch;

    /// <summary>Compiles (ILGPU) and loads the kernel on <paramref name="accelerator"/>.</summary>
    public ElementwiseKernel(Accelerator accelerator)
    {
        _accelerator = accelerator;
        _launch = IlGpuRuntime.Compiling(() => accelerator.LoadAutoGroupedKernel<Index1D, TExpr, ArrayView<T>, int>(Map));
    }

    /// <inheritdoc/>
    public override void Launch(AcceleratorStream stream, object expr, IlGpuBuffer output)
    {
        var threads = Threads(_accelerator, output.Length);
        _launch(stream, threads, (TExpr)expr, output.View<T>().AsContiguous(), threads);
    }
}
