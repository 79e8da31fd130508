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

    /// <summary>The kernel method, generic over the element type and the expression struct.</summary>
    internal static void Map<T, TExpr>(Index1D index, TExpr expr, ArrayView<T> output)
        where T : unmanaged
        where TExpr : struct, IDeviceExpr<T> =>
        output[index] = expr.Eval(index);

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
    private readonly Action<AcceleratorStream, Index1D, TExpr, ArrayView<T>> _launch;

    /// <summary>Compiles (ILGPU) and loads the kernel on <paramref name="accelerator"/>.</summary>
    public ElementwiseKernel(Accelerator accelerator) =>
        _launch = accelerator.LoadAutoGroupedKernel<Index1D, TExpr, ArrayView<T>>(Map);

    /// <inheritdoc/>
    public override void Launch(AcceleratorStream stream, object expr, IlGpuBuffer output) =>
        _launch(stream, (int)output.Length, (TExpr)expr, output.View<T>().AsContiguous());
}
