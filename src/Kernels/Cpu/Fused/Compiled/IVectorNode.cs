using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Fused.Compiled;

/// <summary>
/// One node of an expression compiled to a nest of generic structs ("expression templates"):
/// the node's values for the vector of elements starting at <c>i</c>. The structs are value types,
/// so the JIT specialises and inlines the whole nest into the kernel loop: the tree is evaluated
/// in registers, one vector at a time, with no tile buffers and no per-node dispatch.
/// </summary>
internal interface IVectorNode<T>
    where T : unmanaged
{
    static abstract Vector512<T> Eval<TMode>(ref VectorFrame<T> frame, nuint i)
        where TMode : struct, IEvalMode;
}
