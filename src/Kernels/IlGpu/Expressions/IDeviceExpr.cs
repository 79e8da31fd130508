namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary>
/// A fused elementwise expression as ILGPU compiles it: a tree of nested generic structs (one
/// struct type per op, leaf and constant), so each expression shape and dtype set becomes one
/// specialised kernel with no calls or branches on the op at run time. Instances are kernel
/// arguments: leaves carry their <c>ArrayView</c>s and broadcast strides, constants their values.
/// </summary>
/// <typeparam name="T">The element type the node yields (device storage: byte for bool).</typeparam>
/// <remarks>
/// The index <see cref="Eval"/> takes is a flat row-major index into the
/// <em>iteration shape</em>: the output's shape for an elementwise kernel, the inputs' broadcast
/// shape for a reduction's prologue. Leaves map it to their own element (stride 0 on broadcast axes).
/// </remarks>
internal interface IDeviceExpr<T> where T : unmanaged
{
    T Eval(int index);
}
