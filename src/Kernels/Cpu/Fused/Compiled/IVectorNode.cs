namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// One node of an expression compiled to a nest of generic structs ("expression templates"):
/// the node's values for the vector of elements starting at <c>i</c>, at the width
/// <typeparamref name="T"/>'s <c>TOps</c> stands for. The structs are value types, so the JIT
/// specialises and inlines the whole nest into the kernel loop of each width: the tree is
/// evaluated in registers, one vector at a time, with no tile buffers and no per-node dispatch.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IVectorNode<T>
    where T : unmanaged
{
    static abstract TVec Eval<TVec, TOps, TMode>(ref VectorFrame<T> frame, nuint i)
        where TVec : struct
        where TOps : struct, ISimd<T, TVec>
        where TMode : struct, IEvalMode;
}
